package dev.viva.session.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.viva.session.event.AnswerGraded;
import dev.viva.session.event.AnswerGradedParser;
import dev.viva.session.event.InvalidEventException;
import dev.viva.session.service.GradingService;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code answers.graded} as text and parses it here, so a record that breaks the contract is
 * nacked and lands on {@code answers.graded.dlq} (with the reason header) while consumption goes on.
 */
@ApplicationScoped
public class AnswerGradedListener {

    private static final Logger LOG = Logger.getLogger(AnswerGradedListener.class);

    private final AnswerGradedParser parser;
    private final GradingService grading;

    public AnswerGradedListener(AnswerGradedParser parser, GradingService grading) {
        this.parser = parser;
        this.grading = grading;
    }

    /**
     * A contract violation is final and goes straight to the dead-letter topic; anything else (the
     * database briefly away) is tried again with back-off (SmallRye Fault Tolerance;
     * {@code dev.viva.session.messaging.AnswerGradedListener/onAnswerGraded/Retry/*} in configuration)
     * before it is dead-lettered. Applying is idempotent, so a retry changes nothing twice.
     */
    @Incoming("answers-graded")
    @Blocking
    @Retry(maxRetries = 3, delay = 250, jitter = 50, abortOn = InvalidEventException.class)
    @ExponentialBackoff(maxDelay = 4_000)
    public void onAnswerGraded(String payload) {
        AnswerGraded event = parser.parse(payload);
        try {
            grading.apply(event);
        } catch (InvalidEventException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("Applying AnswerGraded %s failed (retried with back-off, then dead-lettered): %s", event.eventId(), e.toString());
            throw e;
        }
    }
}
