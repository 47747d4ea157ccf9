package dev.viva.grader.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.GraderKind;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.ScoredEvaluation;
import dev.viva.grader.domain.SecondOpinion;
import dev.viva.grader.domain.Verdict;
import dev.viva.grader.llm.Grader;
import dev.viva.grader.llm.GraderProducer;
import dev.viva.grader.llm.SecondOpinionGrader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Calls the grader for one answer: once, or with {@code viva.grader.samples} above 1 and an LLM grader that
 * many times at once, the samples combined by {@link SampleCombiner}. The local grader is deterministic, so it
 * always grades once. Each call is its own span of the answer's trace.
 *
 * <p>With {@code viva.grader.second-opinion=local} and an LLM as primary grader, the local grader grades each
 * answer the LLM graded as well (span "second-opinion"); the result is compared with the LLM's and stored beside
 * it, never replacing it.
 */
@ApplicationScoped
public class SampledGrading {

    private static final Logger LOG = Logger.getLogger(SampledGrading.class);

    private final Grader grader;
    private final Tracer tracer;
    private final int samples;
    /** The second grader, resolved only when the setting is on (so its model is never loaded otherwise). */
    private final Instance<Grader> second;
    private final boolean secondOpinion;

    public SampledGrading(Grader grader, Tracer tracer, GraderConfig config, @SecondOpinionGrader Instance<Grader> second) {
        if (config.samples() < 1) {
            throw new IllegalArgumentException("viva.grader.samples must be at least 1, not " + config.samples());
        }
        this.grader = grader;
        this.tracer = tracer;
        this.samples = grader.kind() == GraderKind.LLM ? config.samples() : 1;
        this.second = second;
        this.secondOpinion = grader.kind() == GraderKind.LLM && GraderProducer.secondOpinionOn(config);
    }

    /** Whether a second grader grades each answer beside the primary one. */
    public boolean secondOpinion() {
        return secondOpinion;
    }

    /**
     * The second grader's grading of an answer the primary grader graded, compared key point by key point with
     * the primary's verdicts (both after the same evidence checks). A failure of the second grader is recorded
     * in the result and never fails the grading.
     *
     * @return null when the setting is off
     */
    public SecondOpinion secondOpinion(Rubric rubric, Answer answer, String text, ScoredEvaluation primary) {
        if (!secondOpinion) {
            return null;
        }
        Grader g = second.get();
        Span span = tracer.spanBuilder("second-opinion").setAttribute("viva.grader", g.kind().wire())
                .setAttribute("viva.model", g.model()).setAttribute("viva.answer_id", answer.answerId.toString()).startSpan();
        try (Scope scope = span.makeCurrent()) {
            GradeAttempt attempt;
            try {
                attempt = g.grade(rubric, answer.answerId, text);
            } catch (RuntimeException e) {
                LOG.warnf("Second opinion on answer %s failed: %s", answer.answerId, e.toString());
                attempt = new GradeAttempt(g.kind(), g.model(), g.promptVersion(), Map.of(), null, e.toString(),
                        null, 0, 0, 0, 0, 1, null);
            }
            SecondOpinion opinion = compare(rubric, text, primary, attempt);
            span.setAttribute("viva.status", opinion.status());
            if (opinion.score() != null) {
                span.setAttribute("viva.score", opinion.score());
            }
            return opinion;
        } finally {
            span.end();
        }
    }

    static SecondOpinion compare(Rubric rubric, String text, ScoredEvaluation primary, GradeAttempt attempt) {
        if (!attempt.succeeded()) {
            return new SecondOpinion(attempt.kind().wire(), attempt.model(), attempt.promptVersion(), "FAILED", null,
                    primary.score(), null, null, 0, 0, 0, List.of(), attempt.latencyMs(), attempt.failureReason());
        }
        ScoredEvaluation scored = ScoreCalculator.score(rubric, attempt.verdicts(), text);
        Map<String, Verdict> byId = new HashMap<>();
        scored.keyPoints().forEach(k -> byId.put(k.id(), k.status()));
        List<SecondOpinion.KeyPoint> verdicts = primary.keyPoints().stream()
                .map(k -> new SecondOpinion.KeyPoint(k.id(), k.status(), byId.getOrDefault(k.id(), Verdict.MISSING))).toList();
        int differ = (int) verdicts.stream().filter(SecondOpinion.KeyPoint::differs).count();
        return new SecondOpinion(attempt.kind().wire(), attempt.model(), attempt.promptVersion(), "GRADED", scored.score(),
                primary.score(), scored.score() - primary.score(), attempt.confidence(), verdicts.size(), differ,
                verdicts.isEmpty() ? 0 : (double) differ / verdicts.size(), verdicts, attempt.latencyMs(), null);
    }

    /** How many times each answer is graded. */
    public int samples() {
        return samples;
    }

    /** @return the grade to store, and how far the samples agreed (null when graded once) */
    public SampleCombiner.Combined grade(Rubric rubric, Answer answer, String text) {
        if (samples == 1) {
            return new SampleCombiner.Combined(traced(rubric, answer, text, 0), null);
        }
        List<GradeAttempt> attempts = new ArrayList<>(samples);
        // virtual threads: the samples wait on the model, not on a CPU; the trace context goes with each
        try (ExecutorService pool = Context.taskWrapping(Executors.newVirtualThreadPerTaskExecutor())) {
            List<Future<GradeAttempt>> running = new ArrayList<>(samples);
            for (int i = 1; i <= samples; i++) {
                int sample = i;
                running.add(pool.submit(() -> traced(rubric, answer, text, sample)));
            }
            for (Future<GradeAttempt> f : running) {
                attempts.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while grading samples of answer " + answer.answerId, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return SampleCombiner.combine(rubric, text, attempts);
    }

    /** One call of the grader (the model, or the local grader); {@code sample} 0 when the answer is graded once. */
    private GradeAttempt traced(Rubric rubric, Answer answer, String text, int sample) {
        SpanBuilder builder = tracer.spanBuilder("grade").setAttribute("viva.grader", grader.kind().wire())
                .setAttribute("viva.model", grader.model()).setAttribute("viva.answer_id", answer.answerId.toString());
        Span span = (sample > 0 ? builder.setAttribute("viva.sample", sample) : builder).startSpan();
        try (Scope scope = span.makeCurrent()) {
            GradeAttempt attempt = grader.grade(rubric, answer.answerId, text);
            span.setAttribute("viva.attempts", attempt.attempts());
            return attempt;
        } finally {
            span.end();
        }
    }
}
