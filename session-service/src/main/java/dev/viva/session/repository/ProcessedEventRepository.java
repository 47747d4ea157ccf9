package dev.viva.session.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Event ids already applied; the insert is the idempotency check. */
@ApplicationScoped
public class ProcessedEventRepository {

    private final EntityManager em;

    public ProcessedEventRepository(EntityManager em) {
        this.em = em;
    }

    /** True when the event is new (and is now recorded), false when it was processed before. */
    public boolean markProcessed(UUID eventId, Instant now) {
        int inserted = em.createNativeQuery(
                "INSERT INTO processed_events (event_id, processed_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, eventId)
                .setParameter(2, now)
                .executeUpdate();
        return inserted == 1;
    }
}
