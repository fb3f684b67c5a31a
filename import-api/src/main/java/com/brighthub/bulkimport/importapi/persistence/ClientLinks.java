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

    /** Records a link; the first link of a client wins, as BrightClient holds it once. */
    public void record(ClientLink link) {
        em.createNativeQuery("""
                        INSERT INTO client_link (account_id, client_id, bright_client_id, linked_at, linked_by_import)
                        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (account_id, client_id) DO NOTHING
                        """)
                .setParameter(1, link.accountId())
                .setParameter(2, link.clientId())
                .setParameter(3, link.brightClientId())
                .setParameter(4, link.linkedAt() == null ? java.time.Instant.now() : link.linkedAt())
                .setParameter(5, link.linkedByImport())
                .executeUpdate();
    }
}
