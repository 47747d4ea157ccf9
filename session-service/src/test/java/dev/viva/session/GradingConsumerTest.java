package dev.viva.session;

import static dev.viva.session.Viva.answer;
import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class GradingConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Test
    void anAnswerGradedEventUpdatesTheAnswerAndTheReport() {
        String team = unique("team");
        String token = candidate(unique("ann"), team);
        Map<String, Object> session = newSession(token, 2);
        String sessionId = session.get("id").toString();
        String answerId = answer(token, sessionId, questionId(session, 0), "Volatile gives visibility.");

        Viva.publishGraded(Viva.graded(sessionId, answerId, team, questionId(session, 0), 81));

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token)
                .when().get("/api/sessions/{id}/report", sessionId).then().statusCode(200)
                .body("questions[0].status", equalTo("GRADED"))
                .body("questions[0].score", equalTo(81))
                // the second question is unanswered and counts as 0
                .body("overallScore", equalTo(41))
                .body("progress.graded", equalTo(1)));
        given().auth().oauth2(token).when().get("/api/sessions/{id}", sessionId).then()
                .body("questions[0].answer.status", equalTo("GRADED"));
        given().auth().oauth2(token).when().get("/api/sessions").then()
                .body("find { it.id == '" + sessionId + "' }.score", equalTo(41));
    }

    @Test
    void theSameEventDeliveredTwiceChangesNothingAndStreamsOneProgressEvent() throws Exception {
        String team = unique("team");
        String token = candidate(unique("bea"), team);
        Map<String, Object> session = newSession(token, 2);
        String sessionId = session.get("id").toString();
        String first = answer(token, sessionId, questionId(session, 0), "First answer");
        String second = answer(token, sessionId, questionId(session, 1), "Second answer");

        try (SseClient sse = new SseClient(token, sessionId)) {
            assertThat(sse.status).isEqualTo(200);
            await().atMost(WAIT).until(() -> sse.events().stream().anyMatch(e -> "snapshot".equals(e.path("type").asText())));
            assertThat(sse.events().get(0).path("pending").asInt()).isEqualTo(2);

            ObjectNode event = Viva.graded(sessionId, first, team, questionId(session, 0), 70);
            Viva.publishGraded(event);
            await().atMost(WAIT).until(() -> sse.eventsFor(first).size() == 1);
            Object[] before = answerRow(first);

            Viva.publishGraded(event);
            // a redelivery under a new event id of an evaluation already applied
            Viva.publishGraded(event.deepCopy().put("eventId", UUID.randomUUID().toString()).put("score", 5));
            // same session, same partition: once this one is applied, the duplicates were consumed before it
            Viva.publishGraded(Viva.graded(sessionId, second, team, questionId(session, 1), 90));
            await().atMost(WAIT).until(() -> sse.eventsFor(second).size() == 1);

            assertThat(answerRow(first)).containsExactly(before);
            assertThat(sse.eventsFor(first)).hasSize(1);
            assertThat(sse.eventsFor(first).get(0).path("type").asText()).isEqualTo("answer-graded");
            assertThat(sse.eventsFor(second).get(0).path("graded").asInt()).isEqualTo(2);
            given().auth().oauth2(token).when().get("/api/sessions/{id}/report", sessionId).then()
                    .body("questions[0].score", equalTo(70))
                    .body("overallScore", equalTo(80));
        }
    }

    @Test
    void anEvaluationOfASupersededAnswerIsStoredButNotCounted() throws Exception {
        String team = unique("team");
        String token = candidate(unique("cid"), team);
        Map<String, Object> session = newSession(token, 1);
        String sessionId = session.get("id").toString();
        String old = answer(token, sessionId, questionId(session, 0), "Early answer");
        String current = answer(token, sessionId, questionId(session, 0), "Replacement answer");

        Viva.publishGraded(Viva.graded(sessionId, old, team, questionId(session, 0), 12));
        await().atMost(WAIT).until(() -> answerRow(old)[0] != null);
        assertThat(answerRow(old)[0]).isEqualTo(12);
        given().auth().oauth2(token).when().get("/api/sessions/{id}/report", sessionId).then()
                .body("overallScore", nullValue())
                .body("progress.graded", equalTo(0))
                .body("questions[0].answerId", equalTo(current))
                .body("questions[0].status", equalTo("PENDING"));

        Viva.publishGraded(Viva.graded(sessionId, current, team, questionId(session, 0), 88));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token)
                .when().get("/api/sessions/{id}/report", sessionId).then().body("overallScore", equalTo(88)));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndLaterEventsAreStillApplied() {
        String team = unique("team");
        String token = candidate(unique("dan"), team);
        Map<String, Object> session = newSession(token, 1);
        String sessionId = session.get("id").toString();
        String answerId = answer(token, sessionId, questionId(session, 0), "An answer");

        String malformed = "poison-" + UUID.randomUUID();
        String futureVersion = "poison-" + UUID.randomUUID();
        String incomplete = "poison-" + UUID.randomUUID();
        String unknownAnswer = "poison-" + UUID.randomUUID();
        Viva.produce("answers.graded", malformed, "{this is not json");
        Viva.produce("answers.graded", futureVersion,
                Viva.graded(sessionId, answerId, team, questionId(session, 0), 50).put("schemaVersion", 9).toString());
        ObjectNode missing = Viva.graded(sessionId, answerId, team, questionId(session, 0), 50);
        missing.remove("evaluationId");
        Viva.produce("answers.graded", incomplete, missing.toString());
        Viva.produce("answers.graded", unknownAnswer,
                Viva.graded(sessionId, UUID.randomUUID().toString(), team, questionId(session, 0), 50).toString());

        Viva.publishGraded(Viva.graded(sessionId, answerId, team, questionId(session, 0), 77));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token)
                .when().get("/api/sessions/{id}/report", sessionId).then().body("questions[0].score", equalTo(77)));

        await().atMost(WAIT).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = Viva.readAll("answers.graded.dlq");
            for (String key : List.of(malformed, futureVersion, incomplete, unknownAnswer)) {
                ConsumerRecord<String, String> record = dead.stream().filter(r -> key.equals(r.key())).findFirst().orElse(null);
                assertThat(record).as("dead letter %s", key).isNotNull();
                assertThat(record.headers().lastHeader("dead-letter-reason")).isNotNull();
            }
            ConsumerRecord<String, String> versioned = dead.stream().filter(r -> futureVersion.equals(r.key())).findFirst().orElseThrow();
            assertThat(new String(versioned.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("schemaVersion");
        });
    }

    @Test
    void aFailedGradingIsShownWithItsReasonAndNoScore() {
        String team = unique("team");
        String token = candidate(unique("eve"), team);
        Map<String, Object> session = newSession(token, 1);
        String sessionId = session.get("id").toString();
        String answerId = answer(token, sessionId, questionId(session, 0), "An answer");
        ObjectNode failed = Viva.graded(sessionId, answerId, team, questionId(session, 0), 0);
        failed.put("status", "FAILED").putNull("score").put("failureReason", "The model's reply was invalid three times");
        Viva.publishGraded(failed);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token)
                .when().get("/api/sessions/{id}/report", sessionId).then()
                .body("questions[0].status", equalTo("FAILED"))
                .body("questions[0].score", nullValue())
                .body("questions[0].failureReason", equalTo("The model's reply was invalid three times"))
                .body("progress.failed", equalTo(1))
                .body("overallScore", nullValue()));
    }

    @Test
    void theEventStreamIsProtectedLikeTheSession() throws Exception {
        String team = unique("team");
        Map<String, Object> session = newSession(candidate(unique("fin"), team), 1);
        try (SseClient other = new SseClient(candidate(unique("gus"), team), session.get("id"))) {
            assertThat(other.status).isEqualTo(404);
        }
        given().when().get("/api/sessions/{id}/events", session.get("id")).then().statusCode(401);
        given().auth().oauth2(Viva.interviewer(unique("ivy"), team)).when().get("/api/sessions/{id}", session.get("id"))
                .then().body("questions.questionId", hasItem(questionId(session, 0)));
    }

    /** score, updated_at, version, evaluation_id of an answer. */
    private Object[] answerRow(String answerId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT score, updated_at, version, evaluation_id FROM answers WHERE id = ?")) {
            s.setObject(1, UUID.fromString(answerId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Object[] {rs.getObject(1), rs.getTimestamp(2), rs.getLong(3), rs.getObject(4)};
            }
        }
    }
}
