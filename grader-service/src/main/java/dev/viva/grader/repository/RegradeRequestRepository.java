package dev.viva.grader.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.viva.grader.domain.RegradeRequest;

@ApplicationScoped
public class RegradeRequestRepository {

    private final EntityManager em;

    public RegradeRequestRepository(EntityManager em) {
        this.em = em;
    }

    /** Asks for a regrade of the answer, unless one is pending already. @return whether a request was added */
    public boolean request(UUID answerId, String team) {
        return em.createNativeQuery("""
                INSERT INTO regrade_requests (id, answer_id, team) VALUES (:id, :answer, :team)
                ON CONFLICT (answer_id) WHERE done_at IS NULL DO NOTHING
                """).setParameter("id", UUID.randomUUID()).setParameter("answer", answerId).setParameter("team", team)
                .executeUpdate() == 1;
    }

    /** Due requests, oldest first, locked for this transaction; other workers skip them. */
    @SuppressWarnings("unchecked")
    public List<RegradeRequest> claimDue(int limit) {
        return em.createNativeQuery("""
                SELECT * FROM regrade_requests WHERE done_at IS NULL AND next_attempt_at <= now()
                ORDER BY requested_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """, RegradeRequest.class).setParameter("limit", limit).getResultList();
    }

    public RegradeRequest find(UUID id) {
        return em.find(RegradeRequest.class, id);
    }
}
