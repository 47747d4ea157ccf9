package dev.viva.grader.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.GraderKind;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.llm.Grader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Calls the grader for one answer: once, or with {@code viva.grader.samples} above 1 and an LLM grader that
 * many times at once, the samples combined by {@link SampleCombiner}. The local grader is deterministic, so it
 * always grades once. Each call is its own span of the answer's trace.
 */
@ApplicationScoped
public class SampledGrading {

    private final Grader grader;
    private final Tracer tracer;
    private final int samples;

    public SampledGrading(Grader grader, Tracer tracer, GraderConfig config) {
        if (config.samples() < 1) {
            throw new IllegalArgumentException("viva.grader.samples must be at least 1, not " + config.samples());
        }
        this.grader = grader;
        this.tracer = tracer;
        this.samples = grader.kind() == GraderKind.LLM ? config.samples() : 1;
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
