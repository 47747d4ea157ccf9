package dev.viva.grader.rest;

import java.math.BigDecimal;
import java.util.List;

import dev.viva.grader.repository.EvaluationRepository.ModelUsage;

/** A team's grading totals. */
public record UsageView(String team, long evaluations, long graded, long failed, long promptTokens,
        long completionTokens, long totalTokens, BigDecimal costUsd, List<ModelUsage> byModel) {
}
