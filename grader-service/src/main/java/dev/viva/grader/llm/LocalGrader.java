package dev.viva.grader.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.GraderKind;
import dev.viva.grader.domain.GradingVerdicts;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.llm.local.SemanticMatcher;
import dev.viva.grader.llm.local.SentenceEncoder;

/**
 * Deterministic, offline grader used when no LLM is configured. It compares the answer's sentences,
 * and pairs of neighbouring sentences, with each key point by meaning (an in-process sentence-embedding
 * model) and by misspelling-tolerant wording, credits nothing the question itself supplies, reads
 * negation in both directions, fires a red flag only where the answer asserts the misconception,
 * flags and ignores instructions aimed at the grader, gives lists of terms without sentences no
 * credit, and writes feedback to the candidate per key point and per criterion. See
 * {@link SemanticMatcher} for the method.
 */
public class LocalGrader implements Grader {

    public static final String NAME = "viva-local-2";
    public static final String PROMPT_VERSION = "local-semantic-v2";

    private final SemanticMatcher matcher;
    private final String model;

    public LocalGrader() {
        this(SentenceEncoder.shared());
    }

    public LocalGrader(SentenceEncoder encoder) {
        this.matcher = new SemanticMatcher(encoder);
        this.model = NAME + " (" + encoder.description() + ")";
    }

    @Override
    public GraderKind kind() {
        return GraderKind.LOCAL;
    }

    /** For example {@code viva-local-2 (all-MiniLM-L6-v2-q, langchain4j-embeddings 1.19.0-beta29)}. */
    @Override
    public String model() {
        return model;
    }

    @Override
    public String promptVersion() {
        return PROMPT_VERSION;
    }

    @Override
    public GradeAttempt grade(Rubric rubric, UUID answerId, String answer) {
        long start = System.nanoTime();
        SemanticMatcher.Result result = matcher.grade(rubric, answer);
        long took = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> sampling = new LinkedHashMap<>();
        sampling.put("deterministic", true);
        return new GradeAttempt(GraderKind.LOCAL, model, PROMPT_VERSION, sampling, result.verdicts(), null, null, 0, 0, 0,
                took, 1, result.confidence());
    }

    public GradingVerdicts verdicts(Rubric rubric, String answer) {
        return matcher.grade(rubric, answer).verdicts();
    }

    /** The matcher's full analysis, for the calibration harness and tests. */
    public SemanticMatcher.Result analyse(Rubric rubric, String answer) {
        return matcher.grade(rubric, answer);
    }
}
