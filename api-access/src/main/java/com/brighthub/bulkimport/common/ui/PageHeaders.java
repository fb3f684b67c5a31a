package com.brighthub.bulkimport.common.ui;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every page's response: a JSON error a page's code threw (not found, a bad parameter) becomes a page that
 * says the same, and the headers that keep the pages to themselves – scripts and styles from this service
 * only, never framed, never cached, never sniffed.
 */
public class PageHeaders {

    static final String POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none';"
            + " form-action 'self'";

    @ServerResponseFilter
    public void pages(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/ui")) {
            return;
        }
        var headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", POLICY);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "same-origin");
        headers.putSingle("Cache-Control", "no-store");
        if (response.getStatus() >= 400) {
            PageAnswers.messageOf(response.getEntity()).ifPresent(message -> response.setEntity(
                    Html.problem(response.getStatus() == 404 ? "Not found" : "Something is not right", message),
                    null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")));
        }
    }
}
