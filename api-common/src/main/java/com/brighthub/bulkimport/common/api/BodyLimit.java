package com.brighthub.bulkimport.common.api;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request body over the configured size before it is read, with the API's JSON error shape
 * (the HTTP server's own hard limit, for bodies that do not announce their size, answers 413 too).
 */
@ApplicationScoped
public class BodyLimit {

    @ConfigProperty(name = "bright.api.max-body-bytes", defaultValue = "65536")
    long maxBytes;

    void install(@Observes Router router) {
        router.route().order(-100).handler(ctx -> {
            if (ctx.request().getHeader("Authorization") == null && ctx.request().path().startsWith("/api/")) {
                // no token: 401 comes first (the HTTP server's own limit still bounds what is read)
                ctx.next();
                return;
            }
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && tooLarge(length)) {
                ctx.response().setStatusCode(ApiError.PAYLOAD_TOO_LARGE.status())
                        .putHeader("Content-Type", "application/json")
                        .end(io.vertx.core.json.Json.encode(ErrorBody.body(ApiError.PAYLOAD_TOO_LARGE,
                                "The request body is larger than " + maxBytes + " bytes", java.util.Map.of())));
                return;
            }
            ctx.next();
        });
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
