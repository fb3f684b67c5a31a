package com.brighthub.bulkimport.importapi.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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

    /** Which of {@code clientIds} are linked in the account. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Set<String> linked(String accountId, Collection<String> clientIds) {
        if (clientIds.isEmpty()) {
            return Set.of();
        }
        List<String> found = em.createNativeQuery(
                        "SELECT client_id FROM client_link WHERE account_id = ?1 AND client_id = ANY(?2)")
                .setParameter(1, accountId)
                .setParameter(2, clientIds.toArray(String[]::new))
                .getResultList();
        return new HashSet<>(found);
    }

    /** Records a link; the first link of a client wins, as BrightClient holds it once. */
    public void record(String accountId, String clientId, String brightClientId, java.time.Instant linkedAt) {
        em.createNativeQuery("""
                        INSERT INTO client_link (account_id, client_id, bright_client_id, linked_at)
                        VALUES (?1, ?2, ?3, ?4) ON CONFLICT (account_id, client_id) DO NOTHING
                        """)
                .setParameter(1, accountId)
                .setParameter(2, clientId)
                .setParameter(3, brightClientId)
                .setParameter(4, linkedAt == null ? java.time.Instant.now() : linkedAt)
                .executeUpdate();
    }
}
