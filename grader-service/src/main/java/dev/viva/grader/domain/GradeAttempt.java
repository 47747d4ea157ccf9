package dev.viva.grader.domain;

import java.util.Map;

/**
 * Everything a grader produced for one answer: the verdicts when it succeeded, otherwise the reason,
 * plus the audit data (raw reply, usage, latency, attempts) stored either way.
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
        int attempts) {

    public boolean succeeded() {
        return verdicts != null;
    }
}
