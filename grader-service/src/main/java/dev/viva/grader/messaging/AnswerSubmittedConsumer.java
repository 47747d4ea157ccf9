package dev.viva.grader.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.viva.grader.event.PoisonRecordException;
import dev.viva.grader.service.GradingService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes answers.submitted. Records are graded on the "grading" worker pool, out of order and up to
 * viva.grader.max-in-flight at once. A poison record is nacked at once and goes to answers.submitted.dlq
 * with the reason in the dead-letter-reason header; the consumer goes on. Any other failure (the
 * database briefly away, a lost connection) is retried with back-off first, which is safe because
 * grading is idempotent per answer and rubric version; only a failure that outlasts the retries is
 * dead-lettered.
 */
@ApplicationScoped
public class AnswerSubmittedConsumer {

    private static final Logger LOG = Logger.getLogger(AnswerSubmittedConsumer.class);
    static final int ATTEMPTS = 4;
    static final long FIRST_BACKOFF_MS = 500;

    private final GradingService grading;
    private final MeterRegistry registry;

    public AnswerSubmittedConsumer(GradingService grading, MeterRegistry registry) {
        this.grading = grading;
        this.registry = registry;
    }

    @Incoming("answers-submitted")
    @Blocking(value = "grading", ordered = false)
    public void consume(String value) {
        for (int attempt = 1;; attempt++) {
            try {
                grading.handle(value);
                return;
            } catch (PoisonRecordException e) {
                registry.counter("viva.gradings.poison").increment();
                LOG.warnf("Poison record sent to the dead-letter topic: %s", e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    LOG.errorf("Grading failed %d times, record sent to the dead-letter topic: %s", attempt, e.toString());
                    throw e;
                }
                long backoff = FIRST_BACKOFF_MS << (attempt - 1);
                LOG.warnf("Grading failed (attempt %d of %d), retrying in %d ms: %s", attempt, ATTEMPTS, backoff, e.toString());
                pause(backoff);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry grading", e);
        }
    }
}
