package dev.viva.session.messaging;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.viva.session.config.SessionConfig;
import dev.viva.session.event.AnswerGraded;
import dev.viva.session.event.AnswerGradedParser;
import dev.viva.session.event.InvalidEventException;
import dev.viva.session.service.GradingService;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code answers.graded} as text and parses it here, so a record that breaks the contract is
 * nacked and lands on {@code answers.graded.dlq} (with the reason header) while consumption goes on.
 *
 * <p>A graceful stop (SIGTERM) begins with Quarkus' {@link ShutdownEvent}, while the database is still
 * open: the listener applies no more records and waits up to {@code viva.messaging.shutdown-grace} for
 * the one being applied; only then do Hibernate ORM and the connector close. A record it did not apply
 * (turned away, or failed while the service was stopping) is neither acknowledged nor dead-lettered, so
 * its offset is not committed and it is delivered again after the restart. Records are acknowledged by
 * this class, not by the framework.
 */
@ApplicationScoped
public class AnswerGradedListener {

    private static final Logger LOG = Logger.getLogger(AnswerGradedListener.class);

    private final AnswerGradedParser parser;
    private final GradingService grading;
    private final Duration grace;
    private final DeliveryGate gate = new DeliveryGate();

    public AnswerGradedListener(AnswerGradedParser parser, GradingService grading, SessionConfig config) {
        this.parser = parser;
        this.grading = grading;
        this.grace = config.messaging().shutdownGrace();
    }

    @Incoming("answers-graded")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> receive(Message<String> record) {
        return gate.deliver(record, this::onAnswerGraded, InvalidEventException.class,
                failure -> LOG.infof("Applying a grade stopped by the shutdown, delivered again after the restart%s",
                        failure == null ? "" : ": " + failure));
    }

    /**
     * A contract violation is final and goes straight to the dead-letter topic; anything else (the
     * database briefly away) is tried again with back-off (SmallRye Fault Tolerance;
     * {@code dev.viva.session.messaging.AnswerGradedListener/onAnswerGraded/Retry/*} in configuration)
     * before it is dead-lettered. Applying is idempotent, so a retry changes nothing twice.
     */
    @Retry(maxRetries = 3, delay = 250, jitter = 50, abortOn = {InvalidEventException.class, DeliveryGate.Stopping.class})
    @ExponentialBackoff(maxDelay = 4_000)
    public void onAnswerGraded(String payload) {
        gate.refuseIfClosed();
        AnswerGraded event = parser.parse(payload);
        try {
            grading.apply(event);
        } catch (InvalidEventException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!gate.closed()) {
                LOG.warnf("Applying AnswerGraded %s failed (retried with back-off, then dead-lettered): %s", event.eventId(), e.toString());
            }
            throw e;
        }
    }

    /** Runs first when the application stops, while the database is still open. */
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent stopping) throws InterruptedException {
        int cut = gate.close(grace, grace, () -> { });
        if (cut > 0) {
            LOG.warnf("Stopping: a grade still being applied after %s; left unacknowledged for redelivery", grace);
        }
    }
}
