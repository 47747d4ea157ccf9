package dev.viva.grader.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.viva.grader.domain.OutboxMessage;

@ApplicationScoped
public class OutboxRepository {

    private final EntityManager em;

    public OutboxRepository(EntityManager em) {
        this.em = em;
    }

    public void persist(OutboxMessage m) {
        em.persist(m);
    }

    /** Due unsent rows, locked for this relay; other relay instances skip them. */
    @SuppressWarnings("unchecked")
    public List<OutboxMessage> lockDue(int limit) {
        return em.createNativeQuery("""
                SELECT * FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= now()
                ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """, OutboxMessage.class).setParameter("limit", limit).getResultList();
    }

    /** The unsent event of an answer's latest evaluation, if any. */
    public java.util.Optional<OutboxMessage> unsentFor(java.util.UUID answerId) {
        return em.createQuery("""
                SELECT o FROM OutboxMessage o, Evaluation e
                WHERE o.evaluationId = e.id AND e.answerId = :a AND o.sentAt IS NULL
                """, OutboxMessage.class).setParameter("a", answerId).getResultStream().findFirst();
    }
}
