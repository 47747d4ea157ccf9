package dev.viva.grader.messaging;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.viva.grader.event.PoisonRecordException;
import dev.viva.grader.service.GradingService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
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
 *
 * <p>A graceful stop (SIGTERM) begins with Quarkus' {@link ShutdownEvent}, while the database, the model
 * client and the broker are all still there: the consumer starts no more gradings and waits up to
 * {@code viva.messaging.shutdown-grace} for those in flight, renewing their claims meanwhile; only then do
 * Hibernate ORM and the connector close. A record it did not finish (turned away, cut off by the grace,
 * or failed while the service was stopping) is neither acknowledged nor dead-lettered, so its offset is
 * not committed and it is delivered again after the restart; the claims of the gradings cut off are given
 * back, so that delivery grades at once. Records are acknowledged by this class, not by the framework.
 */
@ApplicationScoped
public class AnswerSubmittedConsumer {

    private static final Logger LOG = Logger.getLogger(AnswerSubmittedConsumer.class);

    private final GradingService grading;
    private final MeterRegistry registry;
    private final Duration grace;
    private final DeliveryGate gate = new DeliveryGate();

    public AnswerSubmittedConsumer(GradingService grading, MeterRegistry registry,
            @ConfigProperty(name = "viva.messaging.shutdown-grace", defaultValue = "20s") Duration grace) {
        this.grading = grading;
        this.registry = registry;
        this.grace = grace;
    }

    @Incoming("answers-submitted")
    @Blocking(value = "grading", ordered = false)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> receive(Message<String> record) {
        return gate.deliver(record, this::consume, PoisonRecordException.class, failure -> {
            registry.counter("viva.gradings.left-for-redelivery").increment();
            LOG.infof("Grading stopped by the shutdown, delivered again after the restart%s",
                    failure == null ? "" : ": " + failure);
        });
    }

    /** Grades one record's value, with the retry policy; the records themselves go through {@link #receive}. */
    @Retry(maxRetries = 3, delay = 500, jitter = 100, abortOn = {PoisonRecordException.class, DeliveryGate.Stopping.class})
    @ExponentialBackoff(maxDelay = 8_000)
    public void consume(String value) {
        gate.refuseIfClosed();
        try {
            grading.handle(value);
        } catch (PoisonRecordException e) {
            registry.counter("viva.gradings.poison").increment();
            LOG.warnf("Poison record sent to the dead-letter topic: %s", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            if (!gate.closed()) {
                LOG.warnf("Grading failed (retried with back-off, then dead-lettered): %s", e.toString());
            }
            throw e;
        }
    }

    /**
     * Runs first when the application stops (before the outbox relay's stop, so the evaluations stored
     * meanwhile are still published), while everything the gradings need is still open.
     */
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent stopping) throws InterruptedException {
        long started = System.nanoTime();
        int cut = gate.close(grace, GradingService.RENEWAL, grading::renewClaims);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (cut == 0) {
            LOG.infof("Stopping: the gradings in flight finished in %d ms", millis);
            return;
        }
        int released = grading.releaseDeliveryClaims();
        LOG.warnf("Stopping: %d gradings still running after %s; left unacknowledged for redelivery (%d claims given back)",
                cut, grace, released);
    }
}
