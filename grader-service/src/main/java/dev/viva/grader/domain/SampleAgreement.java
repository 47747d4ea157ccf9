package dev.viva.grader.domain;

import java.util.List;

/**
 * How far repeated gradings of one answer by the same model agreed, stored with the evaluation they were
 * combined into ({@code evaluations.samples}).
 *
 * @param requested      samples asked for ({@code viva.grader.samples})
 * @param graded         samples that gave valid verdicts; only these are combined
 * @param keyPoints      key points of the rubric
 * @param keyPointsSplit key points on which the graded samples did not all give the same verdict
 * @param criteria       criteria of the rubric
 * @param criteriaSplit  criteria on which the graded samples did not all pick the same level
 * @param disagreement   (keyPointsSplit + criteriaSplit) / (keyPoints + criteria): the share not unanimous
 * @param redFlagsSplit  red flags raised by some graded samples but not all
 * @param injectionSplit whether the samples disagreed on suspected prompt injection
 * @param scores         each graded sample's score, in sample order
 * @param scoreSpread    highest minus lowest of {@code scores}; null without a graded sample
 * @param splits         every key point and criterion that was not unanimous, with each sample's value
 * @param samples        every sample, graded or failed, with its reply for audit
 */
public record SampleAgreement(int requested, int graded, int keyPoints, int keyPointsSplit, int criteria,
        int criteriaSplit, double disagreement, List<String> redFlagsSplit, boolean injectionSplit, List<Integer> scores,
        Integer scoreSpread, String combination, List<Split> splits, List<Sample> samples) {

    /** How the samples' verdicts become the grade of record. */
    public static final String COMBINATION = "median verdict per key point (covered > partial > missing) and median level per "
            + "criterion, the lower middle one on an even split; red flags and suspected injection by majority; "
            + "reasoning and feedback from the sample whose score is closest to the combined one";

    /** A key point ({@code kind} "keyPoint") or criterion ("criterion") the samples did not agree on. */
    public record Split(String kind, String id, List<String> values, String chosen) {
    }

    /** One grading of the answer: its score when it gave valid verdicts, else why it failed. */
    public record Sample(int index, String status, Integer score, String failureReason, long latencyMs, int attempts,
            long totalTokens, String rawReply) {
    }

    public int failed() {
        return requested - graded;
    }
}
