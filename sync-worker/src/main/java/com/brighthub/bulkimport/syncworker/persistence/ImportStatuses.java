package com.brighthub.bulkimport.syncworker.persistence;

import com.brighthub.bulkimport.syncworker.config.SyncConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which imports in flight were cancelled, as import-api – the owner of an import's status – publishes it
 * in its {@code import_status} view. The imports of the batches being synchronised are watched and read
 * again every {@code sync.import-status-refresh}; a lookup never blocks, so the synchroniser asks before
 * every create. import-api acknowledges a cancel only after that interval and a create's time in
 * flight, so no client of a cancelled import is sent to BrightClient after the acknowledgement.
 */
@ApplicationScoped
public class ImportStatuses {

    @Inject
    AgroalDataSource db;

    @Inject
    SyncConfig config;

    private final ConcurrentHashMap<String, Integer> watched = new ConcurrentHashMap<>();
    private volatile Set<String> cancelled = Set.of();
    private volatile boolean warned;
    private ScheduledExecutorService refresher;

    void start(@Observes StartupEvent event) {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "import-status-refresh");
            t.setDaemon(true);
            return t;
        });
        long every = config.importStatusRefresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Watches these imports while their batch is synchronised, reading their status now. */
    public void watch(Collection<String> importIds) {
        importIds.forEach(id -> watched.merge(id, 1, Integer::sum));
        refresh();
    }

    public void unwatch(Collection<String> importIds) {
        importIds.forEach(id -> watched.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1));
    }

    /** True when the import is known cancelled; never blocks. */
    public boolean cancelled(String importId) {
        return importId != null && cancelled.contains(importId);
    }

    synchronized void refresh() {
        if (watched.isEmpty()) {
            cancelled = Set.of();
            return;
        }
        Set<String> now = new HashSet<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT import_id FROM " + config.importStatusView() + " WHERE import_id = ANY(?) AND status = 'CANCELLED'")) {
            ps.setArray(1, c.createArrayOf("text", watched.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    now.add(rs.getString(1));
                }
            }
            cancelled = Set.copyOf(now);
        } catch (SQLException e) {
            // keep the last known set: a cancel is never forgotten, and a database hiccup stops nothing else
            if (!warned) {
                warned = true;
                Log.warnf("cannot read import statuses from %s (%s); cancels are seen once it can be read",
                        config.importStatusView(), e.getMessage());
            }
        }
    }
}
