package dev.viva.grader.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What a regrade would do before it runs: how many answers, what their last grading cost (the best estimate of
 * what grading them again costs with the same model), and how much of the team's regrade allowance is left.
 */
public record RegradePlan(int answers, List<UUID> answerIds, long estimatedTokens, BigDecimal estimatedCostUsd,
        String costBasis, int remainingInWindow, int windowHours) {
}
