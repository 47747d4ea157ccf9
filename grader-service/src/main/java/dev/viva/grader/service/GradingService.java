package dev.viva.grader.service;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.viva.grader.client.RubricClient;
import dev.viva.grader.client.RubricUnavailableException;
import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.event.AnswerSubmittedParser;
import dev.viva.grader.llm.AnswerSanitizer;
import dev.viva.grader.llm.Grader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;

/**
 * Grades submitted answers: claim (idempotency), rubric, grader, score, then the evaluation and its
 * outbox row in one transaction. No transaction is open while the model is called.
 */
@ApplicationScoped
public class GradingService {

    private static final Logger LOG = Logger.getLogger(GradingService.class);
    /**
     * How long a claim holds without renewal. Gradings in progress renew their claims every
     * {@link #RENEW_EVERY}, so a slow model never loses one; a crashed instance's claims run out after
     * this long and its redelivered records are graded by whoever receives them.
     */
    static final Duration LEASE = Duration.ofSeconds(20);
    static final String RENEW_EVERY = "5s";
    /** How long a delivery waits for another live holder to finish before it is failed and retried. */
    static final Duration BUSY_WAIT = Duration.ofMinutes(3);

    public enum Outcome { GRADED, FAILED, DUPLICATE }

    private final java.util.Set<UUID> inProgress = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AnswerSubmittedParser parser;
    private final EvaluationStore store;
    private final RubricClient rubrics;
    private final Grader grader;
    private final EvaluationFactory factory;
    private final MeterRegistry registry;

    public GradingService(AnswerSubmittedParser parser, EvaluationStore store, RubricClient rubrics, Grader grader,
            EvaluationFactory factory, MeterRegistry registry) {
        this.parser = parser;
        this.store = store;
        this.rubrics = rubrics;
        this.grader = grader;
        this.factory = factory;
        this.registry = registry;
    }

    /** Handles one answers.submitted value; throws PoisonRecordException for records that can never be graded. */
    public Outcome handle(String value) {
        AnswerSubmitted event = parser.parse(value);
        long giveUp = System.nanoTime() + BUSY_WAIT.toNanos();
        while (!store.claim(event, LEASE)) {
            if (store.evaluated(event.answerId(), event.rubricVersion())) {
                registry.counter("viva.gradings.duplicates").increment();
                LOG.debugf("Answer %s already graded; delivery ignored", event.answerId());
                return Outcome.DUPLICATE;
            }
            // Another delivery holds the claim: a live instance finishing it, or a crashed one whose lease
            // runs out. Acknowledging now would lose the answer if the holder never finishes.
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("answer " + event.answerId() + " stayed claimed by another grader for " + BUSY_WAIT);
            }
            pause(Duration.ofSeconds(1));
        }
        inProgress.add(event.answerId());
        try {
            Evaluation e = gradeAndStore(store.answer(event.answerId()), null);
            return Outcome.valueOf(e.status);
        } catch (RuntimeException ex) {
            store.release(event.answerId());
            throw ex;
        } finally {
            inProgress.remove(event.answerId());
        }
    }

    /** Keeps the claims of the gradings running here alive, however slow the model is. */
    @Scheduled(every = RENEW_EVERY, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void renewClaims() {
        if (inProgress.isEmpty()) {
            return; // no transaction every few seconds on an idle grader
        }
        store.renew(java.util.List.copyOf(inProgress), LEASE);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a claimed answer", e);
        }
    }

    /** Grades a stored answer and stores the result; {@code replaces} links a re-grade to the evaluation it replaces. */
    public Evaluation gradeAndStore(Answer answer, UUID replaces) {
        Timer.Sample sample = Timer.start(registry);
        String text = AnswerSanitizer.sanitize(answer.answerText);
        Rubric rubric = null;
        GradeAttempt attempt;
        try {
            rubric = rubrics.rubric(answer.questionId, answer.rubricVersion, answer.team);
            attempt = grader.grade(rubric, answer.answerId, text);
        } catch (RubricUnavailableException ex) {
            attempt = new GradeAttempt(grader.kind(), grader.model(), grader.promptVersion(), Map.of(), null,
                    ex.getMessage(), null, 0, 0, 0, 0, 0, null);
        }
        Evaluation evaluation = factory.build(answer, rubric, attempt, text);
        store.save(evaluation, rubric, replaces);
        sample.stop(registry.timer("viva.grading.duration", "status", evaluation.status, "grader", evaluation.grader));
        registry.counter("viva.gradings", "status", evaluation.status, "grader", evaluation.grader).increment();
        LOG.infof("Answer %s %s by %s/%s: score=%s attempts=%d%s", answer.answerId, evaluation.status, evaluation.grader,
                evaluation.model, evaluation.score, evaluation.attempts,
                evaluation.failureReason == null ? "" : " reason=" + evaluation.failureReason);
        return evaluation;
    }
}
