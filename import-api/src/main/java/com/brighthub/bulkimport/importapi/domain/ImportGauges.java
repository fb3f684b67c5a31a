package com.brighthub.bulkimport.importapi.domain;

import com.brighthub.bulkimport.importapi.config.ImportConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus gauges for operators to alert on: imports running, stalled (running without progress for
 * {@code bulk-import.stall-after}, not merely queued) and queued, across all accounts; read from the
 * database every few seconds, so every instance reports the same.
 */
@ApplicationScoped
public class ImportGauges {

    @Inject
    MeterRegistry registry;

    @Inject
    EntityManager em;

    @Inject
    ImportConfig config;

    private final AtomicLong running = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();

    void register(@Observes StartupEvent event) {
        Gauge.builder("bulkimport.imports", running, AtomicLong::get).tag("state", "running")
                .description("Imports running, across all accounts").register(registry);
        Gauge.builder("bulkimport.imports", stalled, AtomicLong::get).tag("state", "stalled")
                .description("Running imports without progress for the stall time").register(registry);
        Gauge.builder("bulkimport.imports", queued, AtomicLong::get).tag("state", "queued")
                .description("Running imports waiting for a free enumerator").register(registry);
    }

    @Scheduled(every = "${bulk-import.gauge-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void refresh() {
        try {
            Object[] counts = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                            SELECT count(*),
                                   count(*) FILTER (WHERE lease_epoch > 0 AND last_activity_at < ?1),
                                   count(*) FILTER (WHERE lease_epoch = 0 AND NOT enumeration_done)
                            FROM bulk_import WHERE status = 'RUNNING'
                            """)
                    .setParameter(1, Instant.now().minus(config.stallAfter()))
                    .getSingleResult());
            running.set(((Number) counts[0]).longValue());
            stalled.set(((Number) counts[1]).longValue());
            queued.set(((Number) counts[2]).longValue());
        } catch (RuntimeException e) {
            Log.warnf("could not count running imports: %s", e.getMessage());
        }
    }
}
