package dev.viva.grader.domain;

import java.util.Map;

/**
 * Everything a grader produced for one answer: the verdicts when it succeeded, otherwise the reason,
 * plus the audit data (raw reply, usage, latency, attempts) stored either way.
 *
 * <p>{@code confidence} is the grader's own certainty in its verdicts, 0 to 1, or null when the grader
 * gives none; the review queue sends low-confidence grades to a person first.
 */
public record GradeAttempt(
        GraderKind kind,
        String model,
        String promptVersion,
        Map<String, Object> sampling,
        GradingVerdicts verdicts,
        String failureReason,
        String rawReply,
        long promptTokens,
        long completionTokens,
        long totalTokens,
        long latencyMs,
        int attempts,
        Double confidence) {

    public boolean succeeded() {
        return verdicts != null;
    }
}
