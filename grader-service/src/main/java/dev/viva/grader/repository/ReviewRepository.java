package dev.viva.grader.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.viva.grader.domain.Review;

@ApplicationScoped
public class ReviewRepository {

    private final EntityManager em;

    public ReviewRepository(EntityManager em) {
        this.em = em;
    }

    public void persist(Review r) {
        em.persist(r);
    }

    /** The answer's reviews, newest first. */
    public List<Review> forAnswer(String team, UUID answerId) {
        return em.createQuery("FROM Review r WHERE r.team = :team AND r.answerId = :a ORDER BY r.createdAt DESC, r.revision DESC",
                Review.class).setParameter("team", team).setParameter("a", answerId).getResultList();
    }

    /** The review that is the answer's grade of record, if it has one. */
    /** Every review of the team's answers among {@code answerIds}. */
    public List<Review> forAnswers(String team, List<UUID> answerIds) {
        return em.createQuery("FROM Review r WHERE r.team = :team AND r.answerId IN :ids", Review.class)
                .setParameter("team", team).setParameter("ids", answerIds).getResultList();
    }

    public Optional<Review> latest(UUID answerId) {
        return em.createQuery("FROM Review r WHERE r.answerId = :a ORDER BY r.revision DESC", Review.class)
                .setParameter("a", answerId).setMaxResults(1).getResultStream().findFirst();
    }

    /** Every answer's latest review in the team, newest first (the grade of record of each reviewed answer). */
    public List<Review> latestPerAnswer(String team) {
        return em.createQuery("""
                FROM Review r WHERE r.team = :team AND r.revision = (
                    SELECT max(r2.revision) FROM Review r2 WHERE r2.answerId = r.answerId)
                ORDER BY r.createdAt DESC
                """, Review.class).setParameter("team", team).getResultList();
    }
}
