package dev.viva.session.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.viva.session.event.AnswerGraded;
import dev.viva.session.event.AnswerGradedParser;
import dev.viva.session.service.GradingService;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code answers.graded} as text and parses it here, so a record that breaks the contract is
 * nacked and lands on {@code answers.graded.dlq} (with the reason header) while consumption goes on.
 */
@ApplicationScoped
public class AnswerGradedListener {

    private final AnswerGradedParser parser;
    private final GradingService grading;

    public AnswerGradedListener(AnswerGradedParser parser, GradingService grading) {
        this.parser = parser;
        this.grading = grading;
    }

    @Incoming("answers-graded")
    @Blocking
    public void onAnswerGraded(String payload) {
        AnswerGraded event = parser.parse(payload);
        grading.apply(event);
    }
}
