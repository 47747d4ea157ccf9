package dev.viva.grader.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
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

    /** Serialises the team's regrade requests until the transaction ends, so two cannot pass its limit together. */
    public void lockTeam(String team) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(:key))").setParameter("key", "regrade:" + team).getSingleResult();
    }

    /** How many regrade requests a team made since a moment, and when the oldest of them was made (null if none). */
    public record Usage(long count, Instant oldest) {
    }

    /**
     * The team's regrade requests made after {@code since}: every row counts, pending or done, since each
     * is an answer re-graded (or about to be) at the team's request.
     */
    public Usage requestedSince(String team, Instant since) {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT count(*), min(requested_at) FROM regrade_requests WHERE team = :team AND requested_at > :since
                """).setParameter("team", team).setParameter("since", since).getSingleResult();
        Object oldest = row[1];
        Instant at = oldest == null ? null : oldest instanceof Instant i ? i
                : oldest instanceof OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) oldest).toInstant();
        return new Usage(((Number) row[0]).longValue(), at);
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
