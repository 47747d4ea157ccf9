package dev.viva.grader.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.domain.GradingVerdicts;
import dev.viva.grader.domain.Review;
import dev.viva.grader.domain.ReviewAction;
import dev.viva.grader.domain.ReviewedGrade;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.ScoredEvaluation;
import dev.viva.grader.domain.Verdict;
import dev.viva.grader.support.Bank;

/** How a review's verdicts are put together and scored, without the database. */
class ReviewGradeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Rubric RUBRIC = Bank.rubric("test-rag-basics");
    static final String ANSWER = "Documents are split into chunks and embedded. The nearest chunks are retrieved and go into the prompt.";

    /** The machine's evaluation: three key points covered with real quotes, levels 2, 2, 2, 1 (score 63). */
    static Evaluation machine() throws Exception {
        ScoredEvaluation scored = ScoreCalculator.score(RUBRIC, new GradingVerdicts("r", List.of(
                new GradingVerdicts.KeyPointVerdict("indexing", Verdict.COVERED, List.of("split into chunks")),
                new GradingVerdicts.KeyPointVerdict("retrieval", Verdict.COVERED, List.of("nearest chunks are retrieved")),
                new GradingVerdicts.KeyPointVerdict("augmented-generation", Verdict.COVERED, List.of("go into the prompt")),
                new GradingVerdicts.KeyPointVerdict("why-not-fine-tuning", Verdict.COVERED, List.of("not in the answer"))),
                List.of(new GradingVerdicts.CriterionVerdict("accuracy", 2, ""), new GradingVerdicts.CriterionVerdict("completeness", 2, ""),
                        new GradingVerdicts.CriterionVerdict("clarity", 2, ""), new GradingVerdicts.CriterionVerdict("depth", 1, "")),
                List.of(), false, null, List.of(), List.of()), ANSWER);
        Evaluation e = new Evaluation();
        e.status = dev.viva.grader.domain.EvaluationStatus.GRADED;
        e.score = scored.score();
        e.keyPoints = JSON.writeValueAsString(scored.keyPoints());
        e.criteria = JSON.writeValueAsString(scored.criteria());
        e.redFlags = "[]";
        return e;
    }

    static ReviewService.Decision override(Map<String, Verdict> kps, Map<String, Integer> levels) {
        return new ReviewService.Decision(ReviewAction.OVERRIDE, kps, levels, null, null, null);
    }

    @Test
    void anOverrideIsScoredLikeTheGradersVerdictsWithoutNeedingQuotes() throws Exception {
        Evaluation machine = machine();
        // the quote for why-not-fine-tuning is not in the answer: the machine's verdict counts as MISSING
        assertThat(machine.score).isEqualTo(63);

        ReviewedGrade g = ReviewService.grade(machine, null, RUBRIC,
                override(Map.of("why-not-fine-tuning", Verdict.COVERED), Map.of("depth", 3)));

        assertThat(g.score()).isEqualTo(82);
        assertThat(g.keyPoints()).extracting(ReviewedGrade.KeyPoint::machine)
                .containsExactly(Verdict.COVERED, Verdict.COVERED, Verdict.COVERED, Verdict.MISSING, Verdict.MISSING);
        assertThat(g.changes()).extracting(ReviewedGrade.Change::field).containsExactly("keyPoints.why-not-fine-tuning", "criteria.depth");
        // a required key point the reviewer marks missing caps the score at 60, as for the grader
        assertThat(ReviewService.grade(machine, null, RUBRIC, override(Map.of("indexing", Verdict.MISSING,
                "why-not-fine-tuning", Verdict.COVERED, "citations-and-access", Verdict.COVERED), Map.of("depth", 3))).score()).isEqualTo(60);
    }

    @Test
    void aLaterOverrideBuildsOnTheEarlierReviewButAnAcceptanceIsOfTheMachinesGrade() throws Exception {
        Evaluation machine = machine();
        ReviewedGrade first = ReviewService.grade(machine, null, RUBRIC, override(Map.of("why-not-fine-tuning", Verdict.COVERED), Map.of()));
        Review previous = new Review();
        previous.keyPoints = JSON.writeValueAsString(first.keyPoints());
        previous.criteria = JSON.writeValueAsString(first.criteria());
        previous.redFlags = "[]";

        ReviewedGrade second = ReviewService.grade(machine, previous, RUBRIC, override(Map.of(), Map.of("depth", 3)));
        assertThat(second.keyPoints().get(3).status()).isEqualTo(Verdict.COVERED);
        assertThat(second.changes()).hasSize(2);

        ReviewedGrade accepted = ReviewService.grade(machine, previous, RUBRIC,
                new ReviewService.Decision(ReviewAction.ACCEPT, Map.of(), Map.of(), null, null, null));
        assertThat(accepted.score()).isEqualTo(63);
        assertThat(accepted.changes()).isEmpty();
        assertThat(accepted.keyPoints().get(3).status()).isEqualTo(Verdict.MISSING);
    }

    @Test
    void whatTheRubricDoesNotHaveIsRefusedWithTheField() throws Exception {
        Evaluation machine = machine();
        Map<String, Verdict> two = new LinkedHashMap<>();
        two.put("indexing", Verdict.COVERED);
        two.put("nope", Verdict.COVERED);
        assertThatThrownBy(() -> ReviewService.grade(machine, null, RUBRIC, override(two, Map.of())))
                .isInstanceOf(ServiceException.class).extracting("field").isEqualTo("keyPoints[1].id");
        assertThatThrownBy(() -> ReviewService.grade(machine, null, RUBRIC, override(Map.of(), Map.of("clarity", 4))))
                .isInstanceOf(ServiceException.class).hasMessageContaining("between 0 and 3");
        assertThatThrownBy(() -> ReviewService.grade(machine, null, RUBRIC,
                new ReviewService.Decision(ReviewAction.OVERRIDE, Map.of(), Map.of(), List.of("rag-retrains-model", "x"), null, null)))
                .isInstanceOf(ServiceException.class).extracting("field").isEqualTo("redFlags[1]");
        // a red flag the reviewer adds costs its penalty
        assertThat(ReviewService.grade(machine, null, RUBRIC, new ReviewService.Decision(ReviewAction.OVERRIDE, Map.of(), Map.of(),
                List.of("rag-retrains-model"), null, null)).score()).isEqualTo(48);
    }
}
