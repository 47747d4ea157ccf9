package dev.viva.grader.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.viva.grader.config.ReviewConfig;
import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.service.ReviewQueueService.Code;

/** The reasons the queue gives, one by one, with the configured thresholds. */
class ReviewQueueReasonsTest {

    static final ReviewConfig CONFIG = new ReviewConfig() {
        public List<Integer> boundaries() {
            return List.of(50, 70);
        }

        public int boundaryMargin() {
            return 5;
        }

        public double lowConfidence() {
            return 0.6;
        }

        public double secondOpinionDisagreement() {
            return 0.4;
        }

        public int graderDisagreement() {
            return 15;
        }

        public double sampleDisagreement() {
            return 0.2;
        }

        public int queueLimit() {
            return 50;
        }
    };

    final ReviewQueueService queue = new ReviewQueueService(null, null, null, CONFIG);

    static Evaluation graded(String grader, String model, int score, Double confidence) {
        Evaluation e = new Evaluation();
        e.id = UUID.randomUUID();
        e.status = dev.viva.grader.domain.EvaluationStatus.GRADED;
        e.grader = grader;
        e.model = model;
        e.score = score;
        e.confidence = confidence;
        e.keyPoints = "[]";
        e.redFlags = "[]";
        return e;
    }

    @Test
    void aConfidentGradeFarFromEveryBoundaryNeedsNoOne() {
        assertThat(queue.reasons(graded("local", "m", 90, 0.9), List.of())).isEmpty();
        assertThat(queue.reasons(graded("local", "m", 62, null), List.of())).isEmpty();
    }

    @Test
    void boundariesAreConfigurableWindowsOnBothSides() {
        assertThat(queue.reasons(graded("local", "m", 45, 0.9), List.of())).extracting(ReviewQueueService.Reason::code)
                .containsExactly(Code.NEAR_BOUNDARY);
        assertThat(queue.reasons(graded("local", "m", 75, 0.9), List.of()).get(0).detail()).contains("70");
        assertThat(queue.reasons(graded("local", "m", 76, 0.9), List.of())).isEmpty();
        assertThat(queue.reasons(graded("local", "m", 44, 0.9), List.of())).isEmpty();
    }

    @Test
    void aRegradeAfterAReviewIsBackInTheQueueOnlyWhenItDisagreesWithTheReview() {
        dev.viva.grader.domain.Review review = new dev.viva.grader.domain.Review();
        review.reviewer = "ivy";
        review.score = 28;
        assertThat(queue.afterReview(graded("local", "m", 30, 0.1), review)).isEmpty();
        List<ReviewQueueService.Reason> reasons = queue.afterReview(graded("llm", "m", 80, null), review);
        assertThat(reasons).extracting(ReviewQueueService.Reason::code).containsExactly(Code.REGRADE_DIFFERS_FROM_REVIEW);
        assertThat(reasons.get(0).detail()).isEqualTo("regraded after ivy's review: the machine now gives 80, the review gave 28"
                + " (the review stays the grade of record)");
    }

    @Test
    void lowConfidenceAndDisagreementBetweenTwoGradersAreReasons() {
        Evaluation local = graded("local", "viva-local", 90, 0.41);
        Evaluation llm = graded("llm", "gpt-4o-mini", 72, null);
        List<ReviewQueueService.Reason> reasons = queue.reasons(local, List.of(local, llm));
        assertThat(reasons).extracting(ReviewQueueService.Reason::code).containsExactly(Code.GRADER_DISAGREEMENT, Code.LOW_CONFIDENCE);
        assertThat(reasons.get(0).detail()).isEqualTo("local viva-local gave 90, llm gpt-4o-mini gave 72");
        assertThat(reasons.get(1).detail()).isEqualTo("grader confidence 0.41 is below 0.60");
        // 14 points apart is not a disagreement; the same grader and model regrading is not a second grader
        assertThat(queue.reasons(graded("local", "viva-local", 86, 0.9), List.of(graded("llm", "x", 72, null)))).isEmpty();
        assertThat(queue.reasons(graded("local", "viva-local", 90, 0.9), List.of(graded("local", "viva-local", 20, 0.9)))).isEmpty();
    }

    static Evaluation sampled(int score, int keyPointsSplit, int criteriaSplit, List<Integer> scores) {
        Evaluation e = graded("llm", "gpt-4o-mini", score, null);
        int spread = scores.stream().mapToInt(i -> i).max().getAsInt() - scores.stream().mapToInt(i -> i).min().getAsInt();
        List<dev.viva.grader.domain.SampleAgreement.Split> splits = new java.util.ArrayList<>();
        for (int i = 0; i < keyPointsSplit; i++) {
            splits.add(new dev.viva.grader.domain.SampleAgreement.Split("keyPoint", "kp" + i, List.of("COVERED", "MISSING"), "MISSING"));
        }
        for (int i = 0; i < criteriaSplit; i++) {
            splits.add(new dev.viva.grader.domain.SampleAgreement.Split("criterion", "c" + i, List.of("1", "2"), "1"));
        }
        try {
            e.samples = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new dev.viva.grader.domain.SampleAgreement(
                    scores.size(), scores.size(), 5, keyPointsSplit, 5, criteriaSplit, (keyPointsSplit + criteriaSplit) / 10.0,
                    List.of(), false, scores, spread, "median", splits, List.of()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        return e;
    }

    @Test
    void samplesThatSplitOnEnoughVerdictsOrOnTheScoreAreAReason() {
        // 2 of 10 verdicts and levels split: at the 0.2 threshold
        List<ReviewQueueService.Reason> reasons = queue.reasons(sampled(85, 1, 1, List.of(85, 88, 80)), List.of());
        assertThat(reasons).extracting(ReviewQueueService.Reason::code).containsExactly(Code.SAMPLES_DISAGREE);
        assertThat(reasons.get(0).detail()).isEqualTo("3 samples of gpt-4o-mini disagree on 2 of 10 key point verdicts and "
                + "criterion levels (kp0, c0); their scores range 80\u201388; the grade combines them");
        // one split of ten, scores close: unanimous enough
        assertThat(queue.reasons(sampled(85, 1, 0, List.of(85, 88, 80)), List.of())).isEmpty();
        // one split, but the scores 15 apart
        assertThat(queue.reasons(sampled(85, 0, 1, List.of(85, 95, 80)), List.of())).extracting(ReviewQueueService.Reason::code)
                .containsExactly(Code.SAMPLES_DISAGREE);
        // graded once: nothing to compare
        assertThat(queue.reasons(graded("llm", "gpt-4o-mini", 85, null), List.of())).isEmpty();
    }

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static String secondOpinion(int primary, int second, int differ) {
        java.util.List<dev.viva.grader.domain.SecondOpinion.KeyPoint> verdicts = new java.util.ArrayList<>();
        for (int k = 0; k < 5; k++) {
            verdicts.add(new dev.viva.grader.domain.SecondOpinion.KeyPoint("kp" + k, dev.viva.grader.domain.Verdict.COVERED,
                    k < differ ? dev.viva.grader.domain.Verdict.MISSING : dev.viva.grader.domain.Verdict.COVERED));
        }
        return JSON.valueToTree(new dev.viva.grader.domain.SecondOpinion("local", "viva-local-2", "local-semantic-v2", "GRADED",
                second, primary, second - primary, 0.8, 5, differ, differ / 5.0, verdicts, 40, null)).toString();
    }

    @Test
    void aSecondGraderFarFromTheFirstOnTheScoreOrOnEnoughKeyPointsIsAReason() {
        Evaluation e = graded("llm", "gpt-x", 80, 0.9);
        e.secondOpinion = secondOpinion(80, 35, 1);
        assertThat(queue.reasons(e, List.of())).extracting(ReviewQueueService.Reason::code).containsExactly(Code.GRADER_DISAGREEMENT);
        assertThat(queue.reasons(e, List.of()).get(0).detail()).startsWith("llm gpt-x gave 80, the local grader 35; they differ on 1 of 5 key point verdicts (kp0)");
        // 14 points apart and 2 of 5 verdicts (0.4, not above the threshold): agreement
        e.secondOpinion = secondOpinion(80, 66, 2);
        assertThat(queue.reasons(e, List.of())).isEmpty();
        // 15 points apart
        e.secondOpinion = secondOpinion(80, 65, 0);
        assertThat(queue.reasons(e, List.of())).extracting(ReviewQueueService.Reason::code).containsExactly(Code.GRADER_DISAGREEMENT);
        // the same score, but 3 of 5 verdicts differ
        e.secondOpinion = secondOpinion(80, 80, 3);
        assertThat(queue.reasons(e, List.of())).extracting(ReviewQueueService.Reason::code).containsExactly(Code.GRADER_DISAGREEMENT);
        // a second grader that failed says nothing
        e.secondOpinion = JSON.valueToTree(new dev.viva.grader.domain.SecondOpinion("local", "m", "p", "FAILED", null, 80, null,
                null, 0, 0, 0, List.of(), 0, "boom")).toString();
        assertThat(queue.reasons(e, List.of())).isEmpty();
    }
}
