package dev.viva.grader.domain;

import java.util.List;

/** The verdicts a review leaves standing, each beside the machine's, and the score they give. */
public record ReviewedGrade(int score, List<KeyPoint> keyPoints, List<Criterion> criteria,
        List<ScoredEvaluation.RedFlagHit> redFlags, List<Change> changes) {

    /** {@code machine} is null when the reviewed evaluation FAILED and had no verdict. */
    public record KeyPoint(String id, String text, int weight, boolean required, Verdict machine, Verdict status) {
    }

    public record Criterion(String id, String name, int weight, int maxLevel, Integer machine, int level) {
    }

    /** One verdict the reviewer changed: {@code keyPoints.<id>}, {@code criteria.<id>} or {@code redFlags.<id>}. */
    public record Change(String field, String from, String to) {
    }
}
