package dev.viva.session.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.viva.session.event.AnswerGraded;
import dev.viva.session.event.AnswerGradedParser;
import dev.viva.session.event.InvalidEventException;
import dev.viva.session.service.GradingService;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code answers.graded} as text and parses it here, so a record that breaks the contract is
 * nacked and lands on {@code answers.graded.dlq} (with the reason header) while consumption goes on.
 */
@ApplicationScoped
public class AnswerGradedListener {

    private static final Logger LOG = Logger.getLogger(AnswerGradedListener.class);
    private static final int ATTEMPTS = 4;

    private final AnswerGradedParser parser;
    private final GradingService grading;

    public AnswerGradedListener(AnswerGradedParser parser, GradingService grading) {
        this.parser = parser;
        this.grading = grading;
    }

    /**
     * A contract violation is final and goes straight to the dead-letter topic; anything else (the
     * database briefly away, a lock conflict) is tried again a few times before it is dead-lettered.
     */
    @Incoming("answers-graded")
    @Blocking
    public void onAnswerGraded(String payload) throws InterruptedException {
        AnswerGraded event = parser.parse(payload);
        for (int attempt = 1;; attempt++) {
            try {
                grading.apply(event);
                return;
            } catch (InvalidEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("Applying AnswerGraded %s failed (attempt %d of %d): %s", event.eventId(), attempt, ATTEMPTS, e.toString());
                Thread.sleep(250L * attempt * attempt);
            }
        }
    }
}
