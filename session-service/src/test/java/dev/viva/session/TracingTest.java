package dev.viva.session;

import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.viva.local.test.VivaInfrastructure;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * session-service's two hops of an answer's trace: the submit's trace leaves on the AnswerSubmitted
 * record (traceparent header, kept in the outbox row), and the trace an AnswerGraded record arrives with
 * goes on into applying the grade to the answer and its report.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class TracingTest {

    @Inject
    RecordedSpans spans;

    @Test
    void theSubmitsTraceLeavesOnTheAnswerSubmittedRecord() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String token = candidate(unique("ann"), unique("team"));
        Map<String, Object> session = newSession(token, 1);
        String sessionId = session.get("id").toString();
        String answerId = given().auth().oauth2(token).header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .contentType("application/json")
                .body("{\"questionId\":\"" + questionId(session, 0) + "\",\"text\":\"An answer with a trace.\"}")
                .when().post("/api/sessions/{id}/answers", sessionId).then().statusCode(202).extract().path("answerId");

        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> OutboxPublishingTest.withAnswerId(Viva.readAll("answers.submitted"), answerId), r -> r.size() == 1)
                .get(0);
        String traceparent = new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertThat(traceparent).startsWith("00-" + traceId + "-");
        await().atMost(Duration.ofSeconds(20)).until(() -> !spans.ofTrace(traceId).isEmpty());
    }

    @Test
    void theTraceOfAnAnswerGradedRecordGoesOnIntoTheReportUpdate() {
        String traceId = "5c1c63257de34c67a1e8d0f0c8b4a6e2";
        String team = unique("team");
        String token = candidate(unique("ann"), team);
        Map<String, Object> session = newSession(token, 1);
        String sessionId = session.get("id").toString();
        String answerId = Viva.answer(token, sessionId, questionId(session, 0), "An answer to grade.");
        ObjectNode event = Viva.graded(sessionId, answerId, team, questionId(session, 0), 71);
        ProducerRecord<String, String> record = new ProducerRecord<>("answers.graded", sessionId, event.toString());
        record.headers().add("traceparent", ("00-" + traceId + "-53995c3f42cd8ad8-01").getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = Viva.producer()) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                .when().get("/api/sessions/{id}/report", sessionId).then().statusCode(200)
                .body("questions[0].score", equalTo(71)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> names = spans.ofTrace(traceId).stream().map(SpanData::getName).toList();
            assertThat(names).as("spans of the trace").contains("apply grade").anyMatch(n -> n.contains("answers.graded"));
        });
    }
}
