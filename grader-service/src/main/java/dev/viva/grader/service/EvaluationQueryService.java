package dev.viva.grader.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.repository.EvaluationRepository;

/** Reads evaluations and usage for a team; the rest layer turns them into views. */
@ApplicationScoped
@Transactional
public class EvaluationQueryService {

    /** A team's grading totals and their split by grader and model. */
    public record TeamUsage(String team, EvaluationRepository.Usage totals, List<EvaluationRepository.ModelUsage> byModel) {
    }

    private final EvaluationRepository evaluations;

    public EvaluationQueryService(EvaluationRepository evaluations) {
        this.evaluations = evaluations;
    }

    /** Every evaluation of the team's answer, newest first; empty when the team has none for it. */
    public List<Evaluation> history(String team, UUID answerId) {
        return evaluations.forAnswer(team, answerId);
    }

    public TeamUsage usage(String team) {
        return new TeamUsage(team, evaluations.usage(team), evaluations.usageByModel(team));
    }
}
