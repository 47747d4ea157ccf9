package dev.viva.grader.domain;

import java.util.List;

/** The verdicts after evidence checks, with the score the service computed. */
public record ScoredEvaluation(
        int score,
        List<KeyPointResult> keyPoints,
        List<CriterionResult> criteria,
        List<RedFlagHit> redFlags,
        boolean injectionSuspected,
        String injectionEvidence) {

    public record Evidence(String quote, boolean verified) {
    }

    public record KeyPointResult(String id, String text, int weight, boolean required, Verdict claimed,
            Verdict status, List<Evidence> evidence) {
    }

    public record CriterionResult(String id, String name, int weight, int level, int claimedLevel, int maxLevel,
            String justification) {
    }

    public record RedFlagHit(String id, String text, int penalty) {
    }
}
