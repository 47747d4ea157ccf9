package dev.viva.grader.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.viva.grader.client.RubricClient;
import dev.viva.grader.client.RubricUnavailableException;
import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.domain.EvaluationStatus;
import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.Lease;
import dev.viva.grader.domain.LeaseLostException;
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
    /** {@link #RENEW_EVERY} as a duration. */
    public static final Duration RENEWAL = Duration.parse("PT" + RENEW_EVERY);
    /** How long a delivery waits for another live holder to finish before it is failed and retried. */
    static final Duration BUSY_WAIT = Duration.ofMinutes(3);
    /** Attempts of a regrade that keeps failing before its request is closed with the last error. */
    static final int REGRADE_ATTEMPTS = 5;

    public enum Outcome { GRADED, FAILED, DUPLICATE }

    /** The leases of the gradings running here, renewed until they end. */
    private final Set<Lease> inProgress = ConcurrentHashMap.newKeySet();
    /** The leases of the gradings of Kafka deliveries (not regrades) running here. */
    private final Set<Lease> deliveries = ConcurrentHashMap.newKeySet();
    private final AnswerSubmittedParser parser;
    private final EvaluationStore store;
    private final RubricClient rubrics;
    private final Grader grader;
    private final EvaluationFactory factory;
    private final MeterRegistry registry;
    private final SampledGrading sampling;

    public GradingService(AnswerSubmittedParser parser, EvaluationStore store, RubricClient rubrics, Grader grader,
            EvaluationFactory factory, MeterRegistry registry, SampledGrading sampling) {
        this.sampling = sampling;
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
        Optional<EvaluationStore.Claimed> claimed;
        while ((claimed = store.claim(event, LEASE)).isEmpty()) {
            if (store.evaluated(event.answerId(), event.rubricVersion())) {
                registry.counter("viva.gradings.duplicates").increment();
                LOG.debugf("Answer %s already graded; delivery ignored", event.answerId());
                return Outcome.DUPLICATE;
            }
            // Another grading holds the lease: a live one finishing (a Kafka delivery or a regrade), or a
            // crashed one whose lease runs out. Acknowledging now would lose the answer if it never finishes.
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("answer " + event.answerId() + " stayed claimed by another grader for " + BUSY_WAIT);
            }
            pause(Duration.ofSeconds(1));
        }
        Lease lease = claimed.get().lease();
        deliveries.add(lease);
        try {
            Evaluation e = gradeAndStore(claimed.get().answer(), lease, null);
            return e.status == EvaluationStatus.GRADED ? Outcome.GRADED : Outcome.FAILED;
        } catch (LeaseLostException ex) {
            // graded by whoever took the lease over (or given back by a stop); this delivery stored nothing
            registry.counter("viva.gradings.duplicates").increment();
            LOG.warnf("%s", ex.getMessage());
            return Outcome.DUPLICATE;
        } finally {
            deliveries.remove(lease);
        }
    }

    /**
     * Gives back the claims of the deliveries still being graded here, when the service stops before they
     * finish: their records are delivered again (after a restart, or to another instance), and that
     * delivery claims the answer at once instead of waiting for the lease to run out. A grading whose claim
     * was given back can no longer store its evaluation.
     *
     * @return how many claims were given back
     */
    public int releaseDeliveryClaims() {
        int released = 0;
        for (Lease lease : List.copyOf(deliveries)) {
            if (store.release(lease)) {
                released++;
            }
        }
        return released;
    }

    /** Grades a claimed regrade request; a failure that stored nothing leaves the request for a later attempt. */
    public void regrade(EvaluationStore.ClaimedRegrade claimed) {
        try {
            gradeAndStore(store.answer(claimed.lease().answerId()), claimed.lease(), claimed.requestId());
        } catch (LeaseLostException ex) {
            LOG.warnf("Regrade %s: %s", claimed.requestId(), ex.getMessage());
        } catch (RuntimeException ex) {
            LOG.warnf("Regrade %s of answer %s failed (attempt %d of %d): %s", claimed.requestId(),
                    claimed.lease().answerId(), claimed.attempts(), REGRADE_ATTEMPTS, ex.toString());
            store.regradeFailed(claimed, ex.toString(), Duration.ofSeconds(5L * claimed.attempts()), REGRADE_ATTEMPTS);
        }
    }

    /**
     * Keeps the claims of the gradings running here alive, however slow the model is. The scheduler stops
     * with the application; while a stop waits for the gradings in flight, the consumer renews them.
     */
    @Scheduled(every = RENEW_EVERY, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void renewClaims() {
        if (inProgress.isEmpty()) {
            return; // no transaction every few seconds on an idle grader
        }
        store.renew(List.copyOf(inProgress), LEASE);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a claimed answer", e);
        }
    }

    /**
     * Grades a stored answer under the lease its caller took and stores the result, ending the lease;
     * {@code regradeRequest} makes it a regrade of the answer's current evaluation. A failure that
     * stored nothing ends the lease too, so a retry needs not wait for it to run out.
     */
    Evaluation gradeAndStore(Answer answer, Lease lease, UUID regradeRequest) {
        inProgress.add(lease);
        boolean stored = false;
        try {
            Timer.Sample sample = Timer.start(registry);
            String text = AnswerSanitizer.sanitize(answer.answerText);
            Rubric rubric = null;
            GradeAttempt attempt;
            String agreement = null;
            try {
                rubric = rubrics.rubric(answer.questionId, answer.rubricVersion, answer.team);
                SampleCombiner.Combined graded = sampling.grade(rubric, answer, text);
                attempt = graded.attempt();
                agreement = graded.agreement() == null ? null : factory.json(graded.agreement());
            } catch (RubricUnavailableException ex) {
                attempt = new GradeAttempt(grader.kind(), grader.model(), grader.promptVersion(), Map.of(), null,
                        ex.getMessage(), null, 0, 0, 0, 0, 0, null);
            }
            EvaluationFactory.Built built = factory.build(answer, rubric, attempt, text);
            built.evaluation().samples = agreement;
            if (attempt.succeeded() && rubric != null && sampling.secondOpinion()) {
                // the grade of record stays the primary grader's; the second one is compared with it and kept beside it
                built.evaluation().secondOpinion = factory.json(sampling.secondOpinion(rubric, answer, text,
                        ScoreCalculator.score(rubric, attempt.verdicts(), text)));
            }
            Evaluation evaluation = store.save(built.evaluation(), built.event(), lease, regradeRequest);
            stored = true;
            String status = evaluation.status.name();
            sample.stop(registry.timer("viva.grading.duration", "status", status, "grader", evaluation.grader));
            registry.counter("viva.gradings", "status", status, "grader", evaluation.grader).increment();
            LOG.infof("Answer %s %s by %s/%s: score=%s attempts=%d%s%s", answer.answerId, status, evaluation.grader,
                    evaluation.model, evaluation.score, evaluation.attempts, regradeRequest == null ? "" : " (regrade)",
                    evaluation.failureReason == null ? "" : " reason=" + evaluation.failureReason);
            return evaluation;
        } finally {
            inProgress.remove(lease);
            if (!stored && regradeRequest == null) {
                store.release(lease);
            }
        }
    }
}
