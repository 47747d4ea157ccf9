package dev.viva.grader.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.GraderKind;
import dev.viva.grader.domain.GradingVerdicts;
import dev.viva.grader.domain.GradingVerdicts.CriterionVerdict;
import dev.viva.grader.domain.GradingVerdicts.KeyPointVerdict;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.SampleAgreement;
import dev.viva.grader.domain.ScoredEvaluation;
import dev.viva.grader.domain.Verdict;
import dev.viva.grader.llm.AnswerSanitizer;
import dev.viva.grader.support.Bank;

/** How K samples of one answer become one grade, and what their disagreement figures say. */
class SampleCombinerTest {

    static final Rubric RUBRIC = Bank.rubric("test-rag-basics");
    static final String ANSWER = AnswerSanitizer.sanitize("Documents are split into chunks and embedded into a vector index. "
            + "The query is embedded and the nearest chunks are retrieved. "
            + "Those chunks go into the prompt so the model answers grounded in them.");

    /** A sample: the three stages covered with real quotes, the last two points missing, levels 2, 2, 2, {@code depth}. */
    static Sample sample() {
        return new Sample();
    }

    static final class Sample {
        final Map<String, KeyPointVerdict> keyPoints = new LinkedHashMap<>();
        final Map<String, Integer> levels = new LinkedHashMap<>(Map.of("accuracy", 2, "completeness", 2, "clarity", 2, "depth", 1));
        final List<String> redFlags = new ArrayList<>();
        String reasoning = "sample";

        Sample() {
            kp("indexing", Verdict.COVERED, "split into chunks");
            kp("retrieval", Verdict.COVERED, "nearest chunks are retrieved");
            kp("augmented-generation", Verdict.COVERED, "go into the prompt");
            kp("why-not-fine-tuning", Verdict.MISSING);
            kp("citations-and-access", Verdict.MISSING);
        }

        Sample kp(String id, Verdict v, String... quotes) {
            keyPoints.put(id, new KeyPointVerdict(id, v, List.of(quotes)));
            return this;
        }

        Sample level(String id, int level) {
            levels.put(id, level);
            return this;
        }

        Sample flag(String id) {
            redFlags.add(id);
            return this;
        }

        Sample says(String reasoning) {
            this.reasoning = reasoning;
            return this;
        }

        GradeAttempt attempt() {
            GradingVerdicts v = new GradingVerdicts(reasoning, List.copyOf(keyPoints.values()),
                    levels.entrySet().stream().map(e -> new CriterionVerdict(e.getKey(), e.getValue(), "level " + e.getValue())).toList(),
                    List.copyOf(redFlags), false, "", List.of("strength of " + reasoning), List.of("improve " + reasoning));
            return new GradeAttempt(GraderKind.LLM, "m", "p", Map.of("temperature", 0.7), v, null, "raw " + reasoning,
                    1000, 200, 1200, 300, 1, null);
        }

        int score() {
            return ScoreCalculator.score(RUBRIC, attempt().verdicts(), ANSWER).score();
        }
    }

    static GradeAttempt failed(String reason) {
        return new GradeAttempt(GraderKind.LLM, "m", "p", Map.of("temperature", 0.7), null, reason, "not json", 1000, 50, 1050, 900, 3, null);
    }

    static SampleCombiner.Combined combine(GradeAttempt... samples) {
        return SampleCombiner.combine(RUBRIC, ANSWER, List.of(samples));
    }

    static ScoredEvaluation scored(SampleCombiner.Combined c) {
        return ScoreCalculator.score(RUBRIC, c.attempt().verdicts(), ANSWER);
    }

    static Verdict status(ScoredEvaluation s, String id) {
        return s.keyPoints().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow().status();
    }

    @Test
    void unanimousSamplesGiveTheSameGradeWithFullConfidence() {
        SampleCombiner.Combined c = combine(sample().attempt(), sample().attempt(), sample().attempt());
        SampleAgreement a = c.agreement();
        assertThat(a.requested()).isEqualTo(3);
        assertThat(a.graded()).isEqualTo(3);
        assertThat(a.keyPointsSplit()).isZero();
        assertThat(a.criteriaSplit()).isZero();
        assertThat(a.disagreement()).isZero();
        assertThat(a.splits()).isEmpty();
        assertThat(a.scores()).containsExactly(63, 63, 63);
        assertThat(a.scoreSpread()).isZero();
        assertThat(c.attempt().confidence()).isEqualTo(1.0);
        assertThat(scored(c).score()).isEqualTo(63);
        // three calls' tokens, the slowest call's latency, every sample in the audit
        assertThat(c.attempt().totalTokens()).isEqualTo(3600);
        assertThat(c.attempt().latencyMs()).isEqualTo(300);
        assertThat(c.attempt().sampling()).containsEntry("samples", 3).containsEntry("temperature", 0.7);
        assertThat(a.samples()).extracting(SampleAgreement.Sample::rawReply).containsExactly("raw sample", "raw sample", "raw sample");
    }

    @Test
    void theMedianVerdictAndLevelWinAndTheSplitsAreCounted() {
        Sample dissent = sample().kp("retrieval", Verdict.MISSING).level("depth", 3).says("dissent");
        SampleCombiner.Combined c = combine(sample().attempt(), dissent.attempt(), sample().level("depth", 2).attempt());
        ScoredEvaluation s = scored(c);
        assertThat(status(s, "retrieval")).isEqualTo(Verdict.COVERED);
        assertThat(s.keyPoints().stream().filter(k -> k.id().equals("retrieval")).findFirst().orElseThrow().evidence())
                .extracting(ScoredEvaluation.Evidence::quote).containsExactly("nearest chunks are retrieved");
        // depth 1, 3, 2: the median is 2
        assertThat(c.attempt().verdicts().criteria()).filteredOn(v -> v.id().equals("depth")).extracting(CriterionVerdict::level)
                .containsExactly(2);
        SampleAgreement a = c.agreement();
        assertThat(a.keyPointsSplit()).isEqualTo(1);
        assertThat(a.criteriaSplit()).isEqualTo(1);
        assertThat(a.disagreement()).isCloseTo(2.0 / 9, within(1e-9));
        assertThat(a.splits()).extracting(SampleAgreement.Split::id).containsExactly("retrieval", "depth");
        assertThat(a.splits().get(0).values()).containsExactly("COVERED", "MISSING", "COVERED");
        assertThat(a.splits().get(1).values()).containsExactly("1", "3", "2");
        assertThat(a.splits().get(1).chosen()).isEqualTo("2");
        // retrieval: 2 of 3 agree, depth: 1 of 3 agree with the median, the other 7 unanimous
        assertThat(c.attempt().confidence()).isCloseTo((7 + 2.0 / 3 + 1.0 / 3) / 9, within(1e-4));
        int low = dissent.score();
        assertThat(a.scores()).containsExactly(63, low, sample().level("depth", 2).score());
        assertThat(a.scoreSpread()).isEqualTo(a.scores().stream().mapToInt(i -> i).max().getAsInt() - low);
        // the reasoning and feedback come from a sample whose score is the combined one, not from the dissent
        assertThat(c.attempt().verdicts().reasoning()).isEqualTo("sample");
        assertThat(c.attempt().rawReply()).isEqualTo("raw sample");
    }

    @Test
    void aQuoteTheAnswerDoesNotContainSplitsTheSamplesAndAMajorityOfRefusedQuotesStaysRejectedEvidence() {
        Sample invented = sample().kp("retrieval", Verdict.COVERED, "cosine similarity search over embeddings");
        SampleCombiner.Combined c = combine(invented.attempt(), invented.attempt(), sample().attempt());
        assertThat(c.agreement().splits()).singleElement().satisfies(split -> {
            assertThat(split.id()).isEqualTo("retrieval");
            assertThat(split.values()).containsExactly("MISSING", "MISSING", "COVERED");
            assertThat(split.chosen()).isEqualTo("MISSING");
        });
        ScoredEvaluation s = scored(c);
        ScoredEvaluation.KeyPointResult retrieval = s.keyPoints().stream().filter(k -> k.id().equals("retrieval")).findFirst().orElseThrow();
        assertThat(retrieval.status()).isEqualTo(Verdict.MISSING);
        assertThat(retrieval.claimed()).isEqualTo(Verdict.COVERED);
        assertThat(retrieval.evidence()).extracting(ScoredEvaluation.Evidence::verified).containsOnly(false);
        assertThat(s.score()).isEqualTo(invented.score());
    }

    @Test
    void aRedFlagCountsWhenMostSamplesRaiseIt() {
        SampleCombiner.Combined once = combine(sample().flag("whole-corpus-in-prompt").attempt(), sample().attempt(), sample().attempt());
        assertThat(once.attempt().verdicts().redFlags()).isEmpty();
        assertThat(once.agreement().redFlagsSplit()).containsExactly("whole-corpus-in-prompt");
        SampleCombiner.Combined twice = combine(sample().flag("whole-corpus-in-prompt").attempt(),
                sample().flag("whole-corpus-in-prompt").attempt(), sample().attempt());
        assertThat(twice.attempt().verdicts().redFlags()).containsExactly("whole-corpus-in-prompt");
        assertThat(scored(twice).score()).isEqualTo(63 - 8);
    }

    @Test
    void failedSamplesAreLeftOutAndLowerTheConfidenceAndAllFailedIsAFailure() {
        SampleCombiner.Combined c = combine(sample().attempt(), failed("invalid reply"), sample().attempt());
        assertThat(c.attempt().succeeded()).isTrue();
        assertThat(c.agreement().graded()).isEqualTo(2);
        assertThat(c.agreement().failed()).isEqualTo(1);
        assertThat(c.agreement().samples()).extracting(SampleAgreement.Sample::status).containsExactly("GRADED", "FAILED", "GRADED");
        assertThat(c.agreement().samples().get(1).failureReason()).isEqualTo("invalid reply");
        assertThat(c.attempt().confidence()).isCloseTo(2.0 / 3, within(1e-4));
        assertThat(c.attempt().latencyMs()).isEqualTo(900);
        assertThat(c.attempt().attempts()).isEqualTo(5);

        SampleCombiner.Combined none = combine(failed("timeout"), failed("invalid reply"));
        assertThat(none.attempt().succeeded()).isFalse();
        assertThat(none.attempt().failureReason()).isEqualTo("all 2 samples failed; the last: invalid reply");
        assertThat(none.agreement().graded()).isZero();
        assertThat(none.agreement().scoreSpread()).isNull();
    }

    @Test
    void anEvenSplitTakesTheLowerMiddle() {
        assertThat(SampleCombiner.median(List.of(Verdict.COVERED, Verdict.MISSING),
                java.util.Comparator.comparingDouble(Verdict::credit))).isEqualTo(Verdict.MISSING);
        assertThat(SampleCombiner.median(List.of(3, 1, 2, 3), java.util.Comparator.<Integer>naturalOrder())).isEqualTo(2);
        SampleCombiner.Combined c = combine(sample().attempt(), sample().kp("retrieval", Verdict.PARTIAL, "nearest chunks are retrieved").attempt());
        assertThat(status(scored(c), "retrieval")).isEqualTo(Verdict.PARTIAL);
    }
}
