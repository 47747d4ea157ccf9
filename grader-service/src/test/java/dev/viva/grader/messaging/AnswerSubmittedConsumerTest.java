package dev.viva.grader.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.viva.grader.event.PoisonRecordException;
import dev.viva.grader.service.GradingService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What the consumer does with failures: poison goes straight to the dead-letter topic, blips are retried. */
class AnswerSubmittedConsumerTest {

    /** A grading service that fails the first {@code failures} calls with the given exception. */
    static final class Flaky extends GradingService {
        final AtomicInteger calls = new AtomicInteger();
        final int failures;
        final RuntimeException failure;

        Flaky(int failures, RuntimeException failure) {
            super(null, null, null, null, null, null);
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public Outcome handle(String value) {
            if (calls.incrementAndGet() <= failures) {
                throw failure;
            }
            return Outcome.GRADED;
        }
    }

    @Test
    void aTransientFailureIsRetriedAndTheRecordIsGraded() {
        Flaky grading = new Flaky(2, new IllegalStateException("connection reset"));
        new AnswerSubmittedConsumer(grading, new SimpleMeterRegistry()).consume("{}");
        assertThat(grading.calls).hasValue(3);
    }

    @Test
    void aPoisonRecordIsNotRetried() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Flaky grading = new Flaky(99, new PoisonRecordException("malformed JSON"));
        assertThatThrownBy(() -> new AnswerSubmittedConsumer(grading, registry).consume("{"))
                .isInstanceOf(PoisonRecordException.class);
        assertThat(grading.calls).hasValue(1);
        assertThat(registry.counter("viva.gradings.poison").count()).isEqualTo(1.0);
    }

    @Test
    void aFailureThatOutlastsTheRetriesGoesToTheDeadLetterTopic() {
        Flaky grading = new Flaky(99, new IllegalStateException("database down"));
        assertThatThrownBy(() -> new AnswerSubmittedConsumer(grading, new SimpleMeterRegistry()).consume("{}"))
                .hasMessage("database down");
        assertThat(grading.calls).hasValue(AnswerSubmittedConsumer.ATTEMPTS);
    }
}
