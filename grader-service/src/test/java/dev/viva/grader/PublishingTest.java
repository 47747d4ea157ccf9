package dev.viva.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.repository.OutboxRepository;
import dev.viva.grader.service.GradingService;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.Api;
import dev.viva.grader.support.Contracts;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.grader.support.TestKafka;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** AnswerGraded leaves through the outbox: on the real broker, keyed by session, matching the contract. */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class PublishingTest {

    @Inject
    GradingService grading;

    @Inject
    OutboxRepository outbox;

    @Test
    void submittedAnswerProducesStoredEvaluationAndContractConformingAnswerGraded() throws Exception {
        String team = Answers.team();
        AnswerSubmitted a = Answers.publish(Answers.answer(team, Answers.QUESTION,
                "Documents are split into chunks and embedded; the nearest chunks are retrieved into the prompt."));

        ConsumerRecord<String, String> record = TestKafka.await("answers.graded",
                r -> r.value().contains(a.answerId().toString()), Duration.ofSeconds(60));

        assertThat(record.key()).isEqualTo(a.sessionId().toString());
        assertThat(Contracts.violations("answer-graded.v2.schema.json", record.value())).isEmpty();
        JsonNode event = Answers.JSON.readTree(record.value());
        assertThat(event.path("status").asText()).isEqualTo("GRADED");
        assertThat(event.path("grader").asText()).isEqualTo("llm");
        assertThat(event.path("model").asText()).isEqualTo("test-model");
        assertThat(event.path("team").asText()).isEqualTo(team);
        assertThat(event.path("score").asInt()).isEqualTo(100);
        assertThat(event.path("keyPoints").size()).isEqualTo(5);
        assertThat(event.path("referenceAnswer").asText()).contains("chunks");
        String evaluationId = Api.awaitEvaluation(team, a.answerId()).getString("latest.id");
        assertThat(event.path("evaluationId").asText()).isEqualTo(evaluationId);
    }

    @Inject
    dev.viva.grader.service.EvaluationStore store;

    @Test
    void aRedeliveryAfterTheGradingInstanceCrashedIsGradedOnceItsClaimRunsOut() throws Exception {
        String team = Answers.team();
        AnswerSubmitted a = Answers.answer(team, Answers.QUESTION, "Chunks are embedded and the nearest chunks are retrieved.");
        // An instance claimed the answer and died mid-grading: its claim is never renewed nor released.
        assertThat(store.claim(a, Duration.ofSeconds(2))).isPresent();

        GradingService.Outcome outcome = grading.handle(Answers.json(a));

        assertThat(outcome).isEqualTo(GradingService.Outcome.GRADED);
        assertThat(Api.awaitEvaluation(team, a.answerId()).getList("history")).hasSize(1);
    }

    @Test
    void twoConcurrentDeliveriesOfOneAnswerGradeItOnce() throws Exception {
        String team = Answers.team();
        AnswerSubmitted a = Answers.answer(team, Answers.QUESTION, "Chunks are embedded and the nearest chunks are retrieved.");
        FakeUpstreams.script(a.answerId().toString(),
                FakeUpstreams.Reply.ok(FakeUpstreams.defaultReplyFor(Answers.QUESTION, a.answerText())).delayed(1_000));
        String value = Answers.json(a);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> grading.handle(value));
            var second = pool.submit(() -> grading.handle(value));
            assertThat(java.util.List.of(first.get(), second.get()))
                    .containsExactlyInAnyOrder(GradingService.Outcome.GRADED, GradingService.Outcome.DUPLICATE);
        } finally {
            pool.shutdown();
        }
        assertThat(grading.handle(value)).isEqualTo(GradingService.Outcome.DUPLICATE);
        assertThat(FakeUpstreams.calls(a.answerId().toString())).hasSize(1);
        assertThat(Api.awaitEvaluation(team, a.answerId()).getList("history")).hasSize(1);
    }

    @Test
    void gradedEventsWaitInTheOutboxWhileKafkaIsDownAndAreSentWhenItReturns() {
        String team = Answers.team();
        AnswerSubmitted a = Answers.answer(team, Answers.QUESTION, "Chunks are embedded and the nearest chunks are retrieved.");
        VivaInfrastructure.stopKafka();
        try {
            assertThat(grading.handle(Answers.json(a))).isEqualTo(GradingService.Outcome.GRADED);
            await().atMost(Duration.ofSeconds(40)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> outbox.unsentFor(a.answerId())) .filter(m -> m.attempts > 0).isPresent());
        } finally {
            VivaInfrastructure.startKafkaAgain();
        }
        ConsumerRecord<String, String> record = TestKafka.await("answers.graded",
                r -> r.value().contains(a.answerId().toString()), Duration.ofSeconds(120));
        assertThat(record.key()).isEqualTo(a.sessionId().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> outbox.unsentFor(a.answerId())).isEmpty());
    }
}
