package dev.viva.grader.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.domain.Review;
import dev.viva.grader.repository.EvaluationRepository;
import dev.viva.grader.repository.ReviewRepository;

/** Reads evaluations and usage for a team; the rest layer turns them into views. */
@ApplicationScoped
@Transactional
public class EvaluationQueryService {

    /** A team's grading totals and their split by grader and model. */
    public record TeamUsage(String team, EvaluationRepository.Usage totals, List<EvaluationRepository.ModelUsage> byModel) {
    }

    /** Every machine evaluation of an answer and every review of it, each newest first. */
    public record AnswerGrades(List<Evaluation> evaluations, List<Review> reviews) {
    }

    private final EvaluationRepository evaluations;
    private final ReviewRepository reviews;

    public EvaluationQueryService(EvaluationRepository evaluations, ReviewRepository reviews) {
        this.evaluations = evaluations;
        this.reviews = reviews;
    }

    /** The team's answer's evaluations and reviews; both empty when the team has no evaluation for it. */
    public AnswerGrades history(String team, UUID answerId) {
        List<Evaluation> all = evaluations.forAnswer(team, answerId);
        return new AnswerGrades(all, all.isEmpty() ? List.of() : reviews.forAnswer(team, answerId));
    }

    public TeamUsage usage(String team) {
        return new TeamUsage(team, evaluations.usage(team), evaluations.usageByModel(team));
    }
}
