package com.brighthub.bulkimport.common.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Ends {@link Persistently}'s retries as the service shuts down: a batch retried against a closing
 * database would otherwise hold the shutdown for minutes (it is redelivered after the restart).
 */
@ApplicationScoped
public class PersistentlyStops {

    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        Persistently.stop();
    }
}
