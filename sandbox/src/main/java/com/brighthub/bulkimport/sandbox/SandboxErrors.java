package com.brighthub.bulkimport.sandbox;

import com.brighthub.bulkimport.common.api.ApiError;
import com.brighthub.bulkimport.common.api.ErrorBody;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The sandbox answers with the error catalogue and mappers every API shares (api-common's {@link ApiError}
 * and ErrorMappers); only a fault switched on is its own: answered with the status it was set to, and
 * {@code Retry-After} where a real service would send one.
 */
public class SandboxErrors {

    /** A fault switched on in the sandbox, thrown where the call would fail. */
    public static final class InjectedFault extends RuntimeException {

        private final int status;

        public InjectedFault(int status) {
            super("Sandbox fault switch: answering " + status, null, false, false);
            this.status = status;
        }
    }

    /** The answer of an injected fault with this status and message. */
    public static Response injected(int status, String message) {
        Response.ResponseBuilder answer = Response.fromResponse(ErrorBody.of(status, ApiError.INJECTED_FAULT, message,
                Map.of()));
        if (status == 429 || status == 503) {
            answer.header("Retry-After", "1");
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response fault(InjectedFault e) {
        return injected(e.status, e.getMessage());
    }
}
