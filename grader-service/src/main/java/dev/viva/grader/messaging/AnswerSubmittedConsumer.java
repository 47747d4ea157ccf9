package dev.viva.grader.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.viva.grader.event.PoisonRecordException;
import dev.viva.grader.service.GradingService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes answers.submitted. Records are graded on the "grading" worker pool, out of order and up to
 * viva.grader.max-in-flight at once. A poison record is nacked at once and goes to answers.submitted.dlq
 * with the reason in the dead-letter-reason header; the consumer goes on. Any other failure (the
 * database briefly away, a lost connection) is retried with exponential back-off first (SmallRye Fault
 * Tolerance; {@code dev.viva.grader.messaging.AnswerSubmittedConsumer/consume/Retry/*} in configuration),
 * which is safe because grading is idempotent per answer and rubric version; only a failure that
 * outlasts the retries is dead-lettered.
 *
 * <p>A grading that waits for the model provider's rate limit ({@code llm.RateLimitPacer}) keeps its
 * worker thread, so no more than max-in-flight records are handed out; the connector queues a few polls'
 * worth, then pauses the partitions and goes on polling ({@code pause-if-no-requests}), so however long
 * the limit holds records back the consumer stays in its group and nothing is delivered twice.
 */
@ApplicationScoped
public class AnswerSubmittedConsumer {

    private static final Logger LOG = Logger.getLogger(AnswerSubmittedConsumer.class);

    private final GradingService grading;
    private final MeterRegistry registry;

    public AnswerSubmittedConsumer(GradingService grading, MeterRegistry registry) {
        this.grading = grading;
        this.registry = registry;
    }

    @Incoming("answers-submitted")
    @Blocking(value = "grading", ordered = false)
    @Retry(maxRetries = 3, delay = 500, jitter = 100, abortOn = PoisonRecordException.class)
    @ExponentialBackoff(maxDelay = 8_000)
    public void consume(String value) {
        try {
            grading.handle(value);
        } catch (PoisonRecordException e) {
            registry.counter("viva.gradings.poison").increment();
            LOG.warnf("Poison record sent to the dead-letter topic: %s", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("Grading failed (retried with back-off, then dead-lettered): %s", e.toString());
            throw e;
        }
    }
}
