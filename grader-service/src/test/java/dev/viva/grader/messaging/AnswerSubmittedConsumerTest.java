package dev.viva.grader.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import dev.viva.grader.event.PoisonRecordException;
import dev.viva.grader.service.GradingService;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.local.test.VivaInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the consumer does with failures, through its fault-tolerance policy as the application runs it:
 * poison goes straight to the dead-letter topic, blips are retried. (What a stop does with the records
 * in flight: {@code GracefulShutdownIT}, against the packaged service.)
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class AnswerSubmittedConsumerTest {

    @Inject
    AnswerSubmittedConsumer consumer;

    @Inject
    MeterRegistry registry;

    private Flaky install(Flaky grading) {
        QuarkusMock.installMockForType(grading, GradingService.class);
        return grading;
    }

    /** A grading service that fails the first {@code failures} calls with the given exception. */
    static final class Flaky extends GradingService {
        final AtomicInteger calls = new AtomicInteger();
        final int failures;
        final RuntimeException failure;

        Flaky(int failures, RuntimeException failure) {
            super(null, null, null, null, null, null, null);
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
        Flaky grading = install(new Flaky(2, new IllegalStateException("connection reset")));
        consumer.consume("{}");
        assertThat(grading.calls).hasValue(3);
    }

    @Test
    void aPoisonRecordIsNotRetried() {
        double poisonBefore = registry.counter("viva.gradings.poison").count();
        Flaky grading = install(new Flaky(99, new PoisonRecordException("malformed JSON")));
        assertThatThrownBy(() -> consumer.consume("{")).isInstanceOf(PoisonRecordException.class);
        assertThat(grading.calls).hasValue(1);
        assertThat(registry.counter("viva.gradings.poison").count()).isEqualTo(poisonBefore + 1);
    }

    @Test
    void aFailureThatOutlastsTheRetriesGoesToTheDeadLetterTopic() {
        Flaky grading = install(new Flaky(99, new IllegalStateException("database down")));
        assertThatThrownBy(() -> consumer.consume("{}")).hasMessage("database down");
        assertThat(grading.calls).as("the first attempt and the configured retries").hasValue(1 + 2);
    }

    /** What the record's acknowledgement saw: "ack", or "nack: " and the failure's message. */
    private static String deliver(AnswerSubmittedConsumer consumer, String value) {
        AtomicReference<String> outcome = new AtomicReference<>("none");
        Message<String> record = Message.of(value, () -> {
            outcome.set("ack");
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            outcome.set("nack: " + failure.getMessage());
            return CompletableFuture.completedFuture(null);
        });
        consumer.receive(record).toCompletableFuture().join();
        return outcome.get();
    }

    @Test
    void aRecordFromTheChannelIsRetriedThroughThePolicyAndAcknowledgedOnceGraded() {
        Flaky grading = install(new Flaky(2, new IllegalStateException("connection reset")));
        assertThat(deliver(consumer, "{}")).isEqualTo("ack");
        assertThat(grading.calls).hasValue(3);
    }

    @Test
    void aRecordFromTheChannelThatKeepsFailingIsNackedForTheDeadLetterTopic() {
        Flaky grading = install(new Flaky(99, new IllegalStateException("database down")));
        assertThat(deliver(consumer, "{}")).isEqualTo("nack: database down");
        assertThat(grading.calls).hasValue(1 + 2);
    }

    @Test
    void aPoisonRecordFromTheChannelIsNackedAtOnce() {
        Flaky grading = install(new Flaky(99, new PoisonRecordException("malformed JSON")));
        assertThat(deliver(consumer, "{")).isEqualTo("nack: malformed JSON");
        assertThat(grading.calls).hasValue(1);
    }
}
