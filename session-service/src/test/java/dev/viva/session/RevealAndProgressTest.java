package dev.viva.session;

import static dev.viva.session.Viva.answer;
import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.createSession;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reports without dead ends: an expired session reveals like a completed one, unanswered questions
 * included (their rubric read from question-service); unanswered questions count as 0; the progress
 * stream's heartbeats carry the real counts and a final event says every answer is graded.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class RevealAndProgressTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Test
    void anExpiredSessionRevealsLikeACompletedOneUnansweredQuestionsIncluded() throws Exception {
        String team = unique("team");
        String token = candidate(unique("ann"), team);
        Map<String, Object> session = createSession(token, "{\"questionCount\": 3, \"timeLimitMinutes\": 30}")
                .statusCode(201).extract().jsonPath().getMap("");
        String id = session.get("id").toString();
        String q1 = questionId(session, 0);
        String q2 = questionId(session, 1);
        String q3 = questionId(session, 2);
        String a1 = answer(token, id, q1, "Volatile gives visibility.");
        Viva.publishGraded(Viva.graded(id, a1, team, q1, 90));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id)
                .then().body("progress.graded", equalTo(1)));

        // Open: unanswered questions already count as 0, and nothing is revealed yet.
        given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id).then()
                .body("overallScore", equalTo(30))
                .body("answeredSummary", equalTo("answered 1 of 3 questions"))
                .body("progress.unanswered", equalTo(2))
                .body("scoring", containsString("an unanswered question counts as 0"))
                .body("revealed", equalTo(false))
                .body("revealNote", containsString("time runs out"))
                .body("questions[1].referenceAnswer", nullValue())
                .body("questions[1].keyPointsMissed", nullValue());

        expire(id);

        given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id).then()
                .statusCode(200)
                .body("status", equalTo("EXPIRED"))
                .body("revealed", equalTo(true))
                .body("revealNote", nullValue())
                .body("endedAt", notNullValue())
                .body("overallScore", equalTo(30))
                .body("questions[0].referenceAnswer", equalTo("The secret reference answer text"))
                .body("questions[0].keyPointsMissed", contains("Secret missed point about fences"))
                .body("questions[1].status", equalTo("UNANSWERED"))
                .body("questions[1].referenceAnswer", equalTo("Reference answer of " + q2 + " v2"))
                .body("questions[1].keyPointsMissed", contains("Point A of " + q2, "Point B of " + q2))
                .body("questions[1].keyPointsMissedCount", equalTo(2))
                .body("questions[2].referenceAnswer", equalTo("Reference answer of " + q3 + " v1"))
                .body("categories.score", contains(45, 0));

        String markdown = given().auth().oauth2(token).accept("text/markdown").get("/api/sessions/{id}/report", id).asString();
        assertThat(markdown)
                .contains("**Overall score: 30 / 100** · Answered 1 of 3 questions")
                .contains("an unanswered question counts as 0")
                .contains("**Your answer:**\n\n> Volatile gives visibility.")
                .contains("Score: 0 / 100 (not answered)")
                .contains("Reference answer of " + q2 + " v2", "Point A of " + q2)
                .contains("Graded by: the local grader \\(local-grader 1.0\\)")
                .contains("Started: ", "ended: ");
        String html = given().auth().oauth2(token).accept("text/html").get("/api/sessions/{id}/report", id).asString();
        assertThat(html)
                .contains("<span class=\"score pill low\">30</span>", "<span class=\"pill high\">90</span>",
                        "<span class=\"pill low\">0</span>")
                .contains("answered 1 of 3 questions", "started ", "ended ", "duration ")
                .contains("Graded by the local grader (local-grader 1.0)")
                .contains("<h2 class=\"prompt\">", "h2.prompt{font-size:1.05rem")
                .contains("Reference answer of " + q3 + " v1");
        // The session list gives the same overall score.
        given().auth().oauth2(token).when().get("/api/sessions").then()
                .body("find { it.id == '" + id + "' }.score", equalTo(30));
    }

    @Test
    void aCompletedSessionWithNothingAnsweredStillShowsEveryReferenceAnswer() {
        String team = unique("team");
        String token = candidate(unique("bea"), team);
        Map<String, Object> session = newSession(token, 2);
        String id = session.get("id").toString();
        given().auth().oauth2(token).when().post("/api/sessions/{id}/complete", id).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id).then()
                .body("revealed", equalTo(true))
                .body("overallScore", nullValue())
                .body("answeredSummary", equalTo("answered 0 of 2 questions"))
                .body("questions.referenceAnswer", contains("Reference answer of " + questionId(session, 0) + " v1",
                        "Reference answer of " + questionId(session, 1) + " v2"));
    }

    @Test
    void theStreamsHeartbeatsCarryTheCountsAndAFinalEventSaysEverythingIsGraded() throws Exception {
        String team = unique("team");
        String token = candidate(unique("cid"), team);
        Map<String, Object> session = newSession(token, 2);
        String id = session.get("id").toString();
        String first = answer(token, id, questionId(session, 0), "First answer");

        try (SseClient sse = new SseClient(token, id)) {
            assertThat(sse.status).isEqualTo(200);
            await().atMost(WAIT).until(() -> !ofType(sse, "heartbeat").isEmpty());
            JsonNode snapshot = ofType(sse, "snapshot").get(0);
            JsonNode heartbeat = ofType(sse, "heartbeat").get(0);
            for (JsonNode e : List.of(snapshot, heartbeat)) {
                assertThat(e.path("pending").asInt()).as(e.toString()).isEqualTo(1);
                assertThat(e.path("answered").asInt()).isEqualTo(1);
                assertThat(e.path("questions").asInt()).isEqualTo(2);
                assertThat(e.path("allGraded").asBoolean()).isFalse();
            }

            Viva.publishGraded(Viva.graded(id, first, team, questionId(session, 0), 70));
            await().atMost(WAIT).until(() -> !ofType(sse, "answer-graded").isEmpty());
            int seen = sse.events().size();
            await().atMost(WAIT).until(() -> sse.events().stream().skip(seen).anyMatch(e -> "heartbeat".equals(e.path("type").asText())));
            JsonNode after = sse.events().stream().skip(seen).filter(e -> "heartbeat".equals(e.path("type").asText()))
                    .findFirst().orElseThrow();
            assertThat(after.path("graded").asInt()).isEqualTo(1);
            assertThat(after.path("pending").asInt()).isZero();
            // one question is still unanswered in an open session: not all graded yet
            assertThat(ofType(sse, "all-graded")).isEmpty();

            String second = answer(token, id, questionId(session, 1), "Second answer");
            await().atMost(WAIT).until(() -> !ofType(sse, "answer-submitted").isEmpty());
            assertThat(ofType(sse, "answer-submitted").get(0).path("pending").asInt()).isEqualTo(1);
            Viva.publishGraded(Viva.graded(id, second, team, questionId(session, 1), 50));
            await().atMost(WAIT).until(() -> !ofType(sse, "all-graded").isEmpty());
            JsonNode done = ofType(sse, "all-graded").get(0);
            assertThat(done.path("graded").asInt()).isEqualTo(2);
            assertThat(done.path("pending").asInt()).isZero();
            assertThat(done.path("allGraded").asBoolean()).isTrue();

            // Completing the session ends the stream with its last word.
            given().auth().oauth2(token).when().post("/api/sessions/{id}/complete", id).then().statusCode(200);
            await().atMost(WAIT).until(() -> ofType(sse, "all-graded").size() == 2);
            JsonNode last = sse.events().get(sse.events().size() - 1);
            assertThat(last.path("type").asText()).isEqualTo("all-graded");
            assertThat(last.path("sessionStatus").asText()).isEqualTo("COMPLETED");
            await().atMost(WAIT).until(sse::ended);
        }
        // Connecting to a finished session gives the snapshot, the final event, and the end of the stream.
        try (SseClient again = new SseClient(token, id)) {
            await().atMost(WAIT).until(again::ended);
            assertThat(again.events()).extracting(e -> e.path("type").asText()).containsExactly("snapshot", "all-graded");
        }
    }

    @Test
    void theBankAndTagsChosenForASessionArePassedToTheDraw() {
        String token = candidate(unique("dan"), unique("team"));
        Map<String, Object> session = createSession(token, "{\"questionCount\": 1, \"bank\": \"team\", \"tags\": [\"stack\", \"queue\"]}")
                .statusCode(201).extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        String prompt = ((List<Map<String, Object>>) session.get("questions")).get(0).get("prompt").toString();
        assertThat(prompt).endsWith(" from bank team tagged [\"stack\",\"queue\"]");

        createSession(token, "{\"questionCount\": 1, \"bank\": \"mine\"}")
                .statusCode(oneOf(400, 422)).body("errors.field", hasItem(containsString("bank")));
        createSession(token, "{\"questionCount\": 1, \"tags\": [\"\"]}")
                .statusCode(oneOf(400, 422)).body("errors.field", hasItem(containsString("tags")));
    }

    @Test
    void aSubmitsProgressEventCountsTheNewAnswerOnceAndNoLongerTheGradeItReplaces() throws Exception {
        String team = unique("team");
        String token = candidate(unique("dee"), team);
        Map<String, Object> session = newSession(token, 3);
        String id = session.get("id").toString();
        String first = answer(token, id, questionId(session, 0), "First answer");
        String other = answer(token, id, questionId(session, 1), "Another question's answer");

        try (SseClient sse = new SseClient(token, id)) {
            assertThat(sse.status).isEqualTo(200);
            Viva.publishGraded(Viva.graded(id, first, team, questionId(session, 0), 70));
            Viva.publishGraded(Viva.graded(id, other, team, questionId(session, 1), 40));
            await().atMost(WAIT).until(() -> ofType(sse, "answer-graded").size() == 2);

            // the graded answer to the first question is superseded: 2 answered, 1 graded, 1 pending
            String replacing = answer(token, id, questionId(session, 0), "A better first answer");
            await().atMost(WAIT).until(() -> !ofType(sse, "answer-submitted").isEmpty());
            JsonNode submitted = ofType(sse, "answer-submitted").get(0);
            assertThat(submitted.path("answerId").asText()).isEqualTo(replacing);
            assertThat(submitted.path("status").asText()).isEqualTo("PENDING");
            assertThat(submitted.path("answered").asInt()).as(submitted.toString()).isEqualTo(2);
            assertThat(submitted.path("graded").asInt()).isEqualTo(1);
            assertThat(submitted.path("pending").asInt()).isEqualTo(1);
            assertThat(submitted.path("questions").asInt()).isEqualTo(3);
            assertThat(submitted.path("allGraded").asBoolean()).isFalse();

            answer(token, id, questionId(session, 2), "The last question's answer");
            await().atMost(WAIT).until(() -> ofType(sse, "answer-submitted").size() == 2);
            JsonNode last = ofType(sse, "answer-submitted").get(1);
            assertThat(last.path("answered").asInt()).as(last.toString()).isEqualTo(3);
            assertThat(last.path("graded").asInt()).isEqualTo(1);
            assertThat(last.path("pending").asInt()).isEqualTo(2);
        }
    }

    private static List<JsonNode> ofType(SseClient sse, String type) {
        return sse.events().stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    /** Moves the session's time limit into the past, as if its time had run out. */
    private void expire(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "update sessions set expires_at = now() - interval '1 second' where id = ?")) {
            update.setObject(1, UUID.fromString(id));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
