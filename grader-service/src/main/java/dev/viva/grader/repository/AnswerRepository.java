package dev.viva.grader.repository;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.Lease;
import dev.viva.grader.event.AnswerSubmitted;

@ApplicationScoped
public class AnswerRepository {

    private final EntityManager em;

    public AnswerRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Stores the answer if new and takes a lease on grading it. Returns the stored answer, or empty when
     * the answer already has its evaluation for this rubric version, or another worker holds a live lease:
     * then this delivery is a duplicate and must not grade.
     */
    public Optional<Answer> claim(AnswerSubmitted e, Lease lease, Duration length) {
        List<?> claimed = em.createNativeQuery("""
                INSERT INTO answers (answer_id, event_id, session_id, team, candidate, question_id, rubric_version,
                                     prompt, answer_text, submitted_at, received_at, claim_until, claim_token)
                VALUES (:answerId, :eventId, :sessionId, :team, :candidate, :questionId, :rubricVersion,
                        :prompt, :answerText, :submittedAt, now(), now() + make_interval(secs => :lease), :token)
                ON CONFLICT (answer_id) DO UPDATE SET claim_until = now() + make_interval(secs => :lease),
                                                      claim_token = :token
                WHERE (answers.claim_until IS NULL OR answers.claim_until < now())
                  AND NOT EXISTS (SELECT 1 FROM evaluations ev
                                  WHERE ev.answer_id = answers.answer_id AND ev.rubric_version = answers.rubric_version)
                RETURNING answers.*
                """, Answer.class)
                .setParameter("answerId", e.answerId())
                .setParameter("eventId", e.eventId())
                .setParameter("sessionId", e.sessionId())
                .setParameter("team", e.team())
                .setParameter("candidate", e.candidate())
                .setParameter("questionId", e.questionId())
                .setParameter("rubricVersion", e.rubricVersion())
                .setParameter("prompt", e.prompt())
                .setParameter("answerText", e.answerText())
                .setParameter("submittedAt", e.submittedAt())
                .setParameter("lease", (double) length.toSeconds())
                .setParameter("token", lease.token())
                .getResultList();
        // the row as stored, read by the statement that took the lease: a find after it cost a query of its own
        return claimed.isEmpty() ? Optional.empty() : Optional.of((Answer) claimed.get(0));
    }

    /** Takes the lease on a stored answer for a regrade, unless a live lease is held on it. */
    public boolean claimStored(Lease lease, Duration length) {
        return em.createNativeQuery("""
                UPDATE answers SET claim_until = now() + make_interval(secs => :lease), claim_token = :token
                WHERE answer_id = :id AND (claim_until IS NULL OR claim_until < now())
                """).setParameter("lease", (double) length.toSeconds()).setParameter("token", lease.token())
                .setParameter("id", lease.answerId()).executeUpdate() == 1;
    }

    /** Whether an evaluation of this answer at the rubric version it was submitted with is stored. */
    public boolean evaluated(UUID answerId, int rubricVersion) {
        return !em.createNativeQuery("SELECT 1 FROM evaluations WHERE answer_id = :id AND rubric_version = :v")
                .setParameter("id", answerId).setParameter("v", rubricVersion)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** Extends the leases this instance holds; a crashed instance's leases run out. @return how many were still held */
    public int renew(java.util.Collection<Lease> leases, Duration length) {
        int renewed = 0;
        for (Lease lease : leases) {
            renewed += em.createNativeQuery("""
                    UPDATE answers SET claim_until = now() + make_interval(secs => :lease)
                    WHERE answer_id = :id AND claim_token = :token
                    """).setParameter("lease", (double) length.toSeconds()).setParameter("id", lease.answerId())
                    .setParameter("token", lease.token()).executeUpdate();
        }
        return renewed;
    }

    /**
     * Ends a lease, if its holder still holds it. Native SQL like the claim and the renewal: as HQL, this
     * update was parsed and translated again on every call (a tenth of the grader's CPU in a profile of the
     * Kafka throughput benchmark), and it runs once per grading. @return whether it was held
     */
    public boolean release(Lease lease) {
        return em.createNativeQuery("UPDATE answers SET claim_until = NULL, claim_token = NULL WHERE answer_id = :id AND claim_token = :token")
                .setParameter("id", lease.answerId()).setParameter("token", lease.token()).executeUpdate() == 1;
    }

    /**
     * Takes the answer's next grade revision (every grade published for it, machine or review, takes one);
     * its row stays locked until the transaction ends, so two grades of one answer never share a revision.
     */
    public int nextRevision(UUID answerId) {
        return ((Number) em.createNativeQuery("""
                INSERT INTO grade_revisions (answer_id, revision) VALUES (:id, 1)
                ON CONFLICT (answer_id) DO UPDATE SET revision = grade_revisions.revision + 1
                RETURNING revision
                """).setParameter("id", answerId).getSingleResult()).intValue();
    }

    /**
     * Ends a lease, if its holder still holds it, and takes the answer's next grade revision for the grade
     * that holder stores: {@link #release} and {@link #nextRevision} in one statement, since every stored
     * grading does both. @return the revision, or empty when the lease was no longer held (nothing changed)
     */
    public OptionalInt releaseTakingRevision(Lease lease) {
        List<?> revision = em.createNativeQuery("""
                WITH released AS (
                    UPDATE answers SET claim_until = NULL, claim_token = NULL
                    WHERE answer_id = :id AND claim_token = :token RETURNING answer_id)
                INSERT INTO grade_revisions (answer_id, revision) SELECT answer_id, 1 FROM released
                ON CONFLICT (answer_id) DO UPDATE SET revision = grade_revisions.revision + 1
                RETURNING revision
                """).setParameter("id", lease.answerId()).setParameter("token", lease.token()).getResultList();
        return revision.isEmpty() ? OptionalInt.empty() : OptionalInt.of(((Number) revision.get(0)).intValue());
    }

    public Answer find(UUID answerId) {
        return em.find(Answer.class, answerId);
    }

    public List<Answer> byIds(String team, List<UUID> ids) {
        return em.createQuery("FROM Answer a WHERE a.team = :team AND a.answerId IN :ids ORDER BY a.receivedAt", Answer.class)
                .setParameter("team", team).setParameter("ids", ids).getResultList();
    }

    /** The candidate of each of the team's answers. */
    public java.util.Map<UUID, String> candidates(String team, List<UUID> answerIds) {
        java.util.Map<UUID, String> candidates = new java.util.HashMap<>();
        for (Object[] row : em.createQuery("SELECT a.answerId, a.candidate FROM Answer a WHERE a.team = :team AND a.answerId IN :ids",
                Object[].class).setParameter("team", team).setParameter("ids", answerIds).getResultList()) {
            candidates.put((UUID) row[0], (String) row[1]);
        }
        return candidates;
    }

    public List<Answer> byQuestion(String team, String questionId) {
        return em.createQuery("FROM Answer a WHERE a.team = :team AND a.questionId = :q ORDER BY a.receivedAt", Answer.class)
                .setParameter("team", team).setParameter("q", questionId).getResultList();
    }
}
