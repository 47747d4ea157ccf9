package dev.viva.grader.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.domain.Review;
import dev.viva.grader.domain.ReviewAction;
import dev.viva.grader.domain.ReviewedGrade;
import dev.viva.grader.domain.Verdict;
import dev.viva.grader.service.Agreement.Pair;

/** The agreement figures against an example worked by hand. */
class AgreementTest {

    /** machine, reviewer: (80, 60), (60, 70), (40, 50), (90, 85). */
    static final List<Pair> PAIRS = List.of(new Pair(80, 60), new Pair(60, 70), new Pair(40, 50), new Pair(90, 85));

    @Test
    void spearmanKappaAndMeanSignedDifferenceMatchTheHandComputedExample() {
        // ranks machine 3 2 1 4, reviewer 2 3 1 4: Σd² = 2, ρ = 1 − 6·2 / (4·(16 − 1)) = 0.8
        assertThat(Agreement.spearman(PAIRS)).isCloseTo(0.8, within(1e-12));
        // Σ(a − b)² = 400 + 100 + 100 + 25 = 625; Σ over all 16 (aᵢ − bⱼ)² = 1425 + 825 + 3425 + 2925 = 8600, / 4 = 2150
        // κ = 1 − 625 / 2150 = 61/86
        assertThat(Agreement.quadraticWeightedKappa(PAIRS)).isCloseTo(61.0 / 86, within(1e-12));
        // (20 − 10 − 10 + 5) / 4
        assertThat(Agreement.meanSignedDifference(PAIRS)).isEqualTo(1.25);
    }

    @Test
    void kappaEqualsTheTextbookMatrixFormOnTheSameExample() {
        int k = 101;
        double[][] observed = new double[k][k];
        double[] ha = new double[k];
        double[] hb = new double[k];
        for (Pair p : PAIRS) {
            observed[p.machine()][p.reviewed()]++;
            ha[p.machine()]++;
            hb[p.reviewed()]++;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double w = (i - j) * (i - j) / (double) ((k - 1) * (k - 1));
                num += w * observed[i][j];
                den += w * ha[i] * hb[j] / PAIRS.size();
            }
        }
        assertThat(Agreement.quadraticWeightedKappa(PAIRS)).isCloseTo(1 - num / den, within(1e-12));
    }

    @Test
    void tiesShareTheirMeanRankAndUndefinedFiguresAreNull() {
        assertThat(Agreement.ranks(new double[] {10, 20, 20, 30})).containsExactly(1, 2.5, 2.5, 4);
        // machine 10 20 20 30 → 1 2.5 2.5 4; reviewer 1 2 3 4: Pearson of the ranks = 4.5 / √(4.5 · 5)
        List<Pair> tied = List.of(new Pair(10, 1), new Pair(20, 2), new Pair(20, 3), new Pair(30, 4));
        assertThat(Agreement.spearman(tied)).isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-12));
        assertThat(Agreement.spearman(List.of(new Pair(50, 60)))).isNull();
        assertThat(Agreement.quadraticWeightedKappa(List.of(new Pair(50, 50), new Pair(50, 50)))).isNull();
        assertThat(Agreement.meanSignedDifference(List.of())).isNull();
        // perfect agreement
        assertThat(Agreement.quadraticWeightedKappa(List.of(new Pair(30, 30), new Pair(70, 70)))).isEqualTo(1.0);
    }

    @Test
    void keptSharesCountTheVerdictsAndLevelsTheReviewerLeftAsTheMachineGaveThem() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // Review 1 keeps 2 of 3 key points and 1 of 2 levels; review 2 (an acceptance) keeps all 3 and both.
        Review r1 = review(ReviewAction.OVERRIDE, 80, 60, json.writeValueAsString(List.of(
                kp("a", Verdict.COVERED, Verdict.COVERED), kp("b", Verdict.MISSING, Verdict.COVERED), kp("c", Verdict.PARTIAL, Verdict.PARTIAL))),
                json.writeValueAsString(List.of(cr("x", 2, 2), cr("y", 1, 3))));
        Review r2 = review(ReviewAction.ACCEPT, 60, 60, json.writeValueAsString(List.of(
                kp("a", Verdict.COVERED, Verdict.COVERED), kp("b", Verdict.MISSING, Verdict.MISSING), kp("c", Verdict.COVERED, Verdict.COVERED))),
                json.writeValueAsString(List.of(cr("x", 2, 2), cr("y", 3, 3))));
        // A FAILED grading reviewed by hand: reviewed, but nothing of the machine's to keep and no score pair.
        Review r3 = review(ReviewAction.OVERRIDE, null, 40, json.writeValueAsString(List.of(kp("a", null, Verdict.COVERED))), "[]");

        AgreementService.Figures f = AgreementService.figures(List.of(
                new AgreementService.Reviewed(r1, new Evaluation()), new AgreementService.Reviewed(r2, new Evaluation()),
                new AgreementService.Reviewed(r3, new Evaluation())));

        assertThat(f.reviewed()).isEqualTo(3);
        assertThat(f.accepted()).isEqualTo(1);
        assertThat(f.overridden()).isEqualTo(2);
        assertThat(f.keyPointVerdicts()).isEqualTo(6);
        assertThat(f.keyPointsKept()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(f.criterionLevels()).isEqualTo(4);
        assertThat(f.criteriaKept()).isEqualTo(0.75);
        assertThat(f.scoredPairs()).isEqualTo(2);
        assertThat(f.meanSignedDifference()).isEqualTo(10.0);
        assertThat(f.tendency()).isEqualTo("lenient");
    }

    @Test
    void aNewerModelThatAgreesLessIsFlagged() {
        AgreementService.Figures good = figures(0.9);
        AgreementService.Figures worse = figures(0.6);
        OffsetDateTime t = OffsetDateTime.parse("2026-11-01T00:00:00Z");
        List<AgreementService.GraderAgreement> graders = List.of(
                new AgreementService.GraderAgreement("llm", "gpt-4o-mini", "grader-prompt-v1", t, good),
                new AgreementService.GraderAgreement("llm", "gpt-4.1-mini", "grader-prompt-v1", t.plusDays(3), worse),
                new AgreementService.GraderAgreement("local", "viva-local-1", "local-v1", t, worse));
        assertThat(AgreementService.regressions(graders)).singleElement().satisfies(r -> {
            assertThat(r.previousModel()).isEqualTo("gpt-4o-mini");
            assertThat(r.model()).isEqualTo("gpt-4.1-mini");
            assertThat(r.metric()).isEqualTo("quadraticWeightedKappa");
            assertThat(r.current()).isEqualTo(0.6);
        });
        // the other way round, the newer model agrees more: nothing to flag
        assertThat(AgreementService.regressions(List.of(
                new AgreementService.GraderAgreement("llm", "gpt-4.1-mini", "grader-prompt-v1", t, worse),
                new AgreementService.GraderAgreement("llm", "gpt-4o-mini", "grader-prompt-v2", t.plusDays(3), good)))).isEmpty();
    }

    private static AgreementService.Figures figures(double kappa) {
        return new AgreementService.Figures(5, 1, 4, 20, 0.8, 20, 0.8, 5, 0.9, kappa, 1.0, "even");
    }

    private static ReviewedGrade.KeyPoint kp(String id, Verdict machine, Verdict status) {
        return new ReviewedGrade.KeyPoint(id, id, 1, false, machine, status);
    }

    private static ReviewedGrade.Criterion cr(String id, Integer machine, int level) {
        return new ReviewedGrade.Criterion(id, id, 1, 3, machine, level);
    }

    private static Review review(ReviewAction action, Integer machineScore, int score, String keyPoints, String criteria) {
        Review r = new Review();
        r.id = UUID.randomUUID();
        r.action = action;
        r.machineScore = machineScore;
        r.score = score;
        r.keyPoints = keyPoints;
        r.criteria = criteria;
        return r;
    }
}
