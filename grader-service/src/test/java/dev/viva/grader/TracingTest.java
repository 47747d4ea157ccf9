package dev.viva.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.grader.support.RecordedSpans;
import dev.viva.grader.support.TestKafka;
import dev.viva.local.test.VivaInfrastructure;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The grader continues the trace an answer arrives with: its consumer span, the model call's span and
 * the AnswerGraded record it publishes (traceparent header, kept in the outbox row) share the trace id
 * of the AnswerSubmitted record.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class TracingTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    RecordedSpans spans;

    @Test
    void theAnswerGradedRecordAndTheGradersSpansCarryTheTraceOfTheSubmittedAnswer() {
        AnswerSubmitted a = Answers.answer(Answers.team(), Answers.QUESTION, "Chunks are embedded and the nearest are retrieved.");
        ProducerRecord<String, String> record = new ProducerRecord<>("answers.submitted", a.sessionId().toString(), Answers.json(a));
        record.headers().add("traceparent", ("00-" + TRACE_ID + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        TestKafka.send(record);

        ConsumerRecord<String, String> graded = TestKafka.await("answers.graded",
                r -> r.value().contains(a.answerId().toString()), Duration.ofSeconds(60));
        String traceparent = new String(graded.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertThat(traceparent).startsWith("00-" + TRACE_ID + "-");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> names = spans.ofTrace(TRACE_ID).stream().map(SpanData::getName).toList();
            assertThat(names).as("spans of the trace").contains("grade").anyMatch(n -> n.contains("answers.submitted"));
        });
        SpanData grade = spans.ofTrace(TRACE_ID).stream().filter(s -> s.getName().equals("grade")).findFirst().orElseThrow();
        assertThat(grade.getAttributes().asMap().toString()).contains(a.answerId().toString());
    }
}
