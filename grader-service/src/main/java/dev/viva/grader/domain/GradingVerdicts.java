package dev.viva.grader.domain;

import java.util.List;

/** What a grader (model or local) says about one answer, before the service checks and scores it. */
public record GradingVerdicts(
        String reasoning,
        List<KeyPointVerdict> keyPoints,
        List<CriterionVerdict> criteria,
        List<String> redFlags,
        boolean injectionSuspected,
        String injectionEvidence,
        List<String> strengths,
        List<String> improvements) {

    public record KeyPointVerdict(String id, Verdict verdict, List<String> evidence) {
    }

    public record CriterionVerdict(String id, int level, String justification) {
    }
}
