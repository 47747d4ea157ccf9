package dev.viva.grader.repository;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.viva.grader.domain.Evaluation;

@ApplicationScoped
public class EvaluationRepository {

    private final EntityManager em;

    public EvaluationRepository(EntityManager em) {
        this.em = em;
    }

    public void persist(Evaluation e) {
        em.persist(e);
    }

    public void flush() {
        em.flush();
    }

    public Evaluation find(UUID id) {
        return em.find(Evaluation.class, id);
    }

    /** Newest first. */
    public List<Evaluation> forAnswer(String team, UUID answerId) {
        return em.createQuery("FROM Evaluation e WHERE e.team = :team AND e.answerId = :a ORDER BY e.createdAt DESC, e.id",
                Evaluation.class).setParameter("team", team).setParameter("a", answerId).getResultList();
    }

    /** The evaluation no later one supersedes. */
    public Optional<Evaluation> current(UUID answerId) {
        return em.createQuery("FROM Evaluation e WHERE e.answerId = :a AND e.supersededBy IS NULL ORDER BY e.createdAt DESC",
                Evaluation.class).setParameter("a", answerId).setMaxResults(1).getResultStream().findFirst();
    }

    /**
     * The team's current evaluations no review has judged yet, of answers the candidate has not replaced: a
     * later answer to the same question of the same session supersedes an earlier one, whichever of the two
     * reached the grader first.
     */
    public List<Evaluation> unreviewedCurrent(String team) {
        return em.createQuery("""
                FROM Evaluation e WHERE e.team = :team AND e.supersededBy IS NULL
                AND NOT EXISTS (SELECT 1 FROM Review r WHERE r.answerId = e.answerId AND r.evaluationId = e.id)
                AND NOT EXISTS (SELECT 1 FROM Answer a, Answer later WHERE a.answerId = e.answerId
                                AND later.sessionId = a.sessionId AND later.questionId = a.questionId
                                AND later.submittedAt > a.submittedAt)
                """, Evaluation.class).setParameter("team", team).getResultList();
    }

    /** Every GRADED evaluation of those of the answers that were graded more than once (regrades). */
    public List<Evaluation> gradedMoreThanOnce(String team, List<UUID> answerIds) {
        return em.createQuery("""
                FROM Evaluation e WHERE e.team = :team AND e.status = 'GRADED' AND e.answerId IN :ids
                AND e.answerId IN (SELECT e2.answerId FROM Evaluation e2 WHERE e2.team = :team GROUP BY e2.answerId HAVING count(e2) > 1)
                """, Evaluation.class).setParameter("team", team).setParameter("ids", answerIds).getResultList();
    }

    public long count(UUID answerId) {
        return em.createQuery("SELECT count(e) FROM Evaluation e WHERE e.answerId = :a", Long.class)
                .setParameter("a", answerId).getSingleResult();
    }

    /** Tokens and cost of a set of answers' current evaluations. */
    public record Cost(long totalTokens, BigDecimal costUsd) {
    }

    public Cost currentCost(String team, List<UUID> answerIds) {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT coalesce(sum(total_tokens), 0), coalesce(sum(cost_usd), 0)
                FROM evaluations WHERE team = :team AND superseded_by IS NULL AND answer_id IN (:ids)
                """).setParameter("team", team).setParameter("ids", answerIds).getSingleResult();
        return new Cost(n(row[0]), new BigDecimal(row[1].toString()));
    }

    public record Usage(long evaluations, long graded, long failed, long promptTokens, long completionTokens,
            long totalTokens, BigDecimal costUsd) {
    }

    public record ModelUsage(String grader, String model, long evaluations, long totalTokens, BigDecimal costUsd) {
    }

    public Usage usage(String team) {
        Object[] row = (Object[]) em.createNativeQuery("""
                SELECT count(*), count(*) FILTER (WHERE status = 'GRADED'), count(*) FILTER (WHERE status = 'FAILED'),
                       coalesce(sum(prompt_tokens), 0), coalesce(sum(completion_tokens), 0),
                       coalesce(sum(total_tokens), 0), coalesce(sum(cost_usd), 0)
                FROM evaluations WHERE team = :team
                """).setParameter("team", team).getSingleResult();
        return new Usage(n(row[0]), n(row[1]), n(row[2]), n(row[3]), n(row[4]), n(row[5]), (BigDecimal) row[6]);
    }

    @SuppressWarnings("unchecked")
    public List<ModelUsage> usageByModel(String team) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT grader, model, count(*), coalesce(sum(total_tokens), 0), coalesce(sum(cost_usd), 0)
                FROM evaluations WHERE team = :team GROUP BY grader, model ORDER BY grader, model
                """).setParameter("team", team).getResultList();
        return rows.stream().map(r -> new ModelUsage((String) r[0], (String) r[1], n(r[2]), n(r[3]), (BigDecimal) r[4])).toList();
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }
}
