package com.brighthub.bulkimport.sandbox.brightclient;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * BrightClient's client records in PostgreSQL; the idempotency key is a unique constraint, so the same
 * key can never create two records, whatever the concurrency.
 */
@ApplicationScoped
public class BrightClientStore {

    /** The created (or earlier created) record's id, and whether this call created it. */
    public record Created(String id, boolean created) {
    }

    @Inject
    AgroalDataSource db;

    /** A create waiting for the writer. */
    private record Pending(String accountId, String idempotencyKey, String brightManagerId, String body,
            CompletableFuture<Created> result) {
    }

    private static final int MAX_BATCH = 1_000;

    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private volatile Thread writer;

    /**
     * Creates the record, or finds the one the same key created before. Concurrent creates are written
     * together (group commit: one statement and one commit for all that are waiting), which is how the
     * stand-in keeps up with the pipeline on the same machine; each caller's stage completes only once
     * its record is committed, and no thread waits for it meanwhile.
     */
    public CompletionStage<Created> create(String accountId, String idempotencyKey, String brightManagerId,
            String body) {
        Pending p = new Pending(accountId, idempotencyKey, brightManagerId, body, new CompletableFuture<>());
        startWriter();
        pending.add(p);
        return p.result().orTimeout(30, TimeUnit.SECONDS);
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    writer = new Thread(this::writeForever, "brightclient-writer");
                    writer.setDaemon(true);
                    writer.start();
                }
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (writer != null) {
            writer.interrupt();
        }
    }

    private void writeForever() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(pending.take());
                pending.drainTo(batch, MAX_BATCH - 1);
                Map<String, Created> written = write(batch);
                Set<String> answered = new HashSet<>();
                for (Pending p : batch) {
                    String key = key(p.accountId(), p.idempotencyKey());
                    Created c = written.get(key);
                    // a key sent twice in one batch created one record: the second call is a repeat
                    boolean first = answered.add(key);
                    p.result().complete(new Created(c.id(), c.created() && first));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | SQLException e) {
                batch.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private static String key(String accountId, String idempotencyKey) {
        return accountId + "\n" + idempotencyKey;
    }

    /** Writes a batch in one transaction; returns each (account, key)'s record id and whether it is new. */
    private Map<String, Created> write(List<Pending> batch) throws SQLException {
        Map<String, Created> out = new HashMap<>();
        try (Connection c = db.getConnection()) {
            String[] accounts = batch.stream().map(Pending::accountId).toArray(String[]::new);
            String[] keys = batch.stream().map(Pending::idempotencyKey).toArray(String[]::new);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO bc_client (id, account_id, bright_manager_id, idempotency_key, body)
                    SELECT 'BC-' || nextval('bc_client_seq'), a, m, k, b
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS t(a, m, k, b, n)
                    ORDER BY n
                    ON CONFLICT (account_id, idempotency_key) DO NOTHING
                    RETURNING account_id, idempotency_key, id
                    """)) {
                ps.setArray(1, c.createArrayOf("text", accounts));
                ps.setArray(2, c.createArrayOf("text", batch.stream().map(Pending::brightManagerId).toArray()));
                ps.setArray(3, c.createArrayOf("text", keys));
                ps.setArray(4, c.createArrayOf("text", batch.stream().map(Pending::body).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(key(rs.getString(1), rs.getString(2)), new Created(rs.getString(3), true));
                    }
                }
            }
            if (out.size() < batch.size()) {
                // keys created by an earlier call
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT s.account_id, s.idempotency_key, s.id
                        FROM bc_client s JOIN unnest(?::text[], ?::text[]) AS k(a, k)
                          ON s.account_id = k.a AND s.idempotency_key = k.k
                        """)) {
                    ps.setArray(1, c.createArrayOf("text", accounts));
                    ps.setArray(2, c.createArrayOf("text", keys));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.putIfAbsent(key(rs.getString(1), rs.getString(2)), new Created(rs.getString(3), false));
                        }
                    }
                }
            }
        }
        return out;
    }

    public boolean update(String accountId, String id, String body) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE bc_client SET body = ?, updated_at = now() WHERE account_id = ? AND id = ?")) {
            ps.setString(1, body);
            ps.setString(2, accountId);
            ps.setString(3, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        }
    }

    public Optional<String> get(String accountId, String id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT body FROM bc_client WHERE account_id = ? AND id = ?")) {
            ps.setString(1, accountId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        }
    }

    /** Writes every record of an account as a JSON array, streaming from the database. */
    public void writeAll(String accountId, Writer out) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT json_build_object('id', id, 'brightManagerId', bright_manager_id,
                                             'createdAt', created_at, 'updatedAt', updated_at,
                                             'client', body::json)::text
                    FROM bc_client WHERE account_id = ? ORDER BY id
                    """)) {
                ps.setString(1, accountId);
                ps.setFetchSize(5_000);
                out.write("[");
                boolean first = true;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!first) {
                            out.write(",\n");
                        }
                        first = false;
                        out.write(rs.getString(1));
                    }
                }
                out.write("]");
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record held for one BrightManager client (more than one would be a duplicate), as JSON. */
    public java.util.List<String> byBrightManagerId(String accountId, String brightManagerId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT json_build_object('id', id, 'brightManagerId', bright_manager_id, 'createdAt', created_at,
                                         'updatedAt', updated_at, 'client', body::json)::text
                FROM bc_client WHERE account_id = ? AND bright_manager_id = ? ORDER BY id
                """)) {
            ps.setString(1, accountId);
            ps.setString(2, brightManagerId);
            java.util.List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        }
    }

    /** Record count and duplicate count per BrightManager id, for checks at any scale. */
    public Stats stats(String accountId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*), count(DISTINCT bright_manager_id) FROM bc_client WHERE account_id = ?
                """)) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long records = rs.getLong(1);
                long distinct = rs.getLong(2);
                return new Stats(records, distinct, records - distinct);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sandbox database error: " + e.getMessage(), e);
        }
    }

    /** How many records BrightClient holds for an account, and how many BrightManager ids appear twice or more. */
    public record Stats(long records, long distinctBrightManagerIds, long duplicates) {
    }
}
