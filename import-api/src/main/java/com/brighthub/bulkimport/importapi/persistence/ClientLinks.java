package com.brighthub.bulkimport.importapi.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import com.brighthub.bulkimport.model.events.ClientLink;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * import-api's copy of the BrightManager-to-BrightClient links, kept from sync-worker's link topic, so
 * an import never sends an already-linked client down the pipeline.
 */
@ApplicationScoped
public class ClientLinks {

    @Inject
    EntityManager em;

    /**
     * Which of {@code clientIds} were already linked before {@code importId} reached them: links made by
     * that import itself do not count (it may replay a page after a restart). With a null import, every link.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Set<String> linked(String accountId, Collection<String> clientIds, String importId) {
        if (clientIds.isEmpty()) {
            return Set.of();
        }
        List<String> found = em.createNativeQuery("""
                        SELECT client_id FROM client_link WHERE account_id = ?1 AND client_id = ANY(?2)
                          AND (CAST(?3 AS text) IS NULL OR linked_by_import IS NULL OR linked_by_import <> ?3)
                        """)
                .setParameter(1, accountId)
                .setParameter(2, clientIds.toArray(String[]::new))
                .setParameter(3, importId)
                .getResultList();
        return new HashSet<>(found);
    }

    /** Records links, in one statement; the first link of a client wins, as BrightClient holds it once. */
    public void record(List<ClientLink> batch) {
        if (batch.isEmpty()) {
            return;
        }
        String now = java.time.Instant.now().toString();
        em.createNativeQuery("""
                        INSERT INTO client_link (account_id, client_id, bright_client_id, linked_at, linked_by_import)
                        SELECT a, c, b, CAST(t AS timestamptz), i FROM unnest(?1, ?2, ?3, ?4, ?5) AS l(a, c, b, t, i)
                        ON CONFLICT (account_id, client_id) DO NOTHING
                        """)
                .setParameter(1, batch.stream().map(ClientLink::accountId).toArray(String[]::new))
                .setParameter(2, batch.stream().map(ClientLink::clientId).toArray(String[]::new))
                .setParameter(3, batch.stream().map(ClientLink::brightClientId).toArray(String[]::new))
                .setParameter(4, batch.stream().map(l -> l.linkedAt() == null ? now : l.linkedAt().toString())
                        .toArray(String[]::new))
                .setParameter(5, batch.stream().map(ClientLink::linkedByImport).toArray(String[]::new))
                .executeUpdate();
    }
}
