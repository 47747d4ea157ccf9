package dev.viva.session;

import static dev.viva.session.Viva.answer;
import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.submit;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class AnswerSubmissionTest {

    @Inject
    DataSource dataSource;

    @Test
    void anAnswerIsAcceptedAsPendingAndStoredWithItsOutboxEvent() throws SQLException {
        String token = candidate(unique("ann"), unique("team"));
        Map<String, Object> session = newSession(token, 2);
        String answerId = submit(token, session.get("id"), questionId(session, 0), "Volatile gives visibility, not atomicity.")
                .statusCode(202)
                .contentType(ContentType.JSON)
                .body("status", equalTo("PENDING"))
                .body("answerId", notNullValue())
                .extract().path("answerId");
        assertThat(count("SELECT count(*) FROM answers WHERE id = ?::uuid", answerId)).isEqualTo(1);
        assertThat(outboxRows(answerId)).isEqualTo(1);
        given().auth().oauth2(token).when().get("/api/sessions/{id}", session.get("id")).then()
                .body("questions[0].answer.answerId", equalTo(answerId))
                .body("questions[0].answer.status", equalTo("PENDING"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndStoresNothingTwice() throws Exception {
        String token = candidate(unique("bea"), unique("team"));
        Map<String, Object> session = newSession(token, 1);
        String body = "{\"questionId\":\"" + questionId(session, 0) + "\",\"text\":\"Same answer, sent again\"}";
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<String>> retries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            retries.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body)
                    .when().post("/api/sessions/{id}/answers", session.get("id"))
                    .then().statusCode(202).body("status", equalTo("PENDING")).extract().<String>path("answerId")));
        }
        List<String> ids = retries.stream().map(CompletableFuture::join).distinct().toList();
        assertThat(ids).hasSize(1);
        assertThat(count("SELECT count(*) FROM answers WHERE session_id = ?::uuid", session.get("id").toString())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE message_key = ?", session.get("id").toString())).isEqualTo(1);

        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"questionId\":\"" + questionId(session, 0) + "\",\"text\":\"A different answer\"}")
                .when().post("/api/sessions/{id}/answers", session.get("id"))
                .then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void aNewAnswerToTheSameQuestionSupersedesTheEarlierOneWhichIsKept() throws SQLException {
        String token = candidate(unique("cid"), unique("team"));
        Map<String, Object> session = newSession(token, 2);
        String first = answer(token, session.get("id"), questionId(session, 0), "First attempt");
        String second = answer(token, session.get("id"), questionId(session, 0), "Better second attempt");
        assertThat(second).isNotEqualTo(first);
        assertThat(count("SELECT count(*) FROM answers WHERE id = ?::uuid AND NOT is_current AND superseded_at IS NOT NULL", first)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM answers WHERE id = ?::uuid AND is_current", second)).isEqualTo(1);
        given().auth().oauth2(token).when().get("/api/sessions/{id}", session.get("id")).then()
                .body("questions[0].answer.answerId", equalTo(second));
        given().auth().oauth2(token).when().get("/api/sessions/{id}/report", session.get("id")).then()
                .body("progress.answered", equalTo(1))
                .body("questions[0].answerText", equalTo("Better second attempt"));
    }

    @Test
    void aSupersededAnswersUnsentSubmissionIsDroppedAndOneTheRelayHoldsIsNotWaitedFor() throws Exception {
        String token = candidate(unique("cyd"), unique("team"));
        Map<String, Object> session = newSession(token, 1);
        Object id = session.get("id");
        String q = questionId(session, 0);
        String first = answer(token, id, q, "First attempt");
        // as if the relay had not reached the first submission yet
        holdBack(first);
        String second = answer(token, id, q, "Second attempt");
        assertThat(outboxRows(first)).isZero();
        assertThat(outboxRows(second)).isEqualTo(1);

        // the relay in the middle of sending the second submission: its row is locked until the broker acknowledges
        holdBack(second);
        try (Connection relay = dataSource.getConnection()) {
            relay.setAutoCommit(false);
            try (PreparedStatement lock = relay.prepareStatement(
                    "SELECT id FROM outbox WHERE payload::jsonb ->> 'answerId' = ? FOR UPDATE")) {
                lock.setString(1, second);
                lock.executeQuery().close();
            }
            // the third submit is answered while the row stays locked (a submit that waited for it would only
            // return after the commit below, which comes after this wait)
            String third = CompletableFuture.supplyAsync(() -> answer(token, id, q, "Third attempt")).get(30, TimeUnit.SECONDS);
            assertThat(count("SELECT count(*) FROM answers WHERE id = ?::uuid AND is_current", third)).isEqualTo(1);
            relay.commit();
        }
        // the row being sent was left to the relay (had the send succeeded, that submission would be graded and
        // ignored as no longer current)
        assertThat(outboxRows(second)).isEqualTo(1);
        // the send failed: at its retry the relay finds the answer replaced and drops the row instead of sending it
        execute("UPDATE outbox SET attempts = 1, next_attempt_at = now() WHERE payload::jsonb ->> 'answerId' = ?", second);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> outboxRows(second) == 0);
    }

    @Test
    void badAnswersAreRefusedWithAProblemNamingTheField() throws SQLException {
        String token = candidate(unique("dan"), unique("team"));
        Map<String, Object> session = newSession(token, 1);
        Object id = session.get("id");
        String q = questionId(session, 0);

        submit(token, id, q, "").statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("text"));
        submit(token, id, q, "   \n\t ").statusCode(422).body("errors.field", hasItem("text"));
        submit(token, id, q, "x".repeat(20_001)).statusCode(422).body("errors.field", hasItem("text"));
        submit(token, id, "not-in-this-session", "An answer").statusCode(422).body("errors[0].field", equalTo("questionId"));
        submit(token, UUID.randomUUID(), q, "An answer").statusCode(404).contentType("application/problem+json");

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"questionId\":\"" + q + "\",\"text\":")
                .when().post("/api/sessions/{id}/answers", id).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"questionId\":\"" + q + "\",\"text\":[1,2]}")
                .when().post("/api/sessions/{id}/answers", id).then().statusCode(400).body("errors[0].field", equalTo("text"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .when().post("/api/sessions/{id}/answers", id).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        given().auth().oauth2(token).contentType(ContentType.TEXT).body("just text")
                .when().post("/api/sessions/{id}/answers", id).then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"questionId\":\"" + q + "\",\"text\":\"" + "y".repeat(300_000) + "\"}")
                .when().post("/api/sessions/{id}/answers", id).then().statusCode(413).contentType("application/problem+json");

        assertThat(count("SELECT count(*) FROM answers WHERE session_id = ?::uuid", id.toString())).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE message_key = ?", id.toString())).isZero();
    }

    @Test
    void theTextLimitIsInclusive() {
        String token = candidate(unique("eli"), unique("team"));
        Map<String, Object> session = newSession(token, 1);
        submit(token, session.get("id"), questionId(session, 0), "z".repeat(20_000)).statusCode(202);
    }

    @Test
    void answeringACompletedSessionIsAConflict() {
        String token = candidate(unique("fay"), unique("team"));
        Map<String, Object> session = newSession(token, 1);
        given().auth().oauth2(token).when().post("/api/sessions/{id}/complete", session.get("id")).then().statusCode(200);
        submit(token, session.get("id"), questionId(session, 0), "After the end").statusCode(409)
                .body("detail", containsString("COMPLETED"));
    }

    /** The outbox rows of an answer's submission. */
    private long outboxRows(String answerId) throws SQLException {
        return count("SELECT count(*) FROM outbox WHERE payload::jsonb ->> 'answerId' = ?", answerId);
    }

    /** Makes an answer's submission unsent and not due, as if the relay had not reached it yet. */
    private void holdBack(String answerId) throws SQLException {
        execute("UPDATE outbox SET sent_at = NULL, next_attempt_at = 'infinity' WHERE payload::jsonb ->> 'answerId' = ?", answerId);
    }

    private void execute(String sql, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            s.executeUpdate();
        }
    }

    private long count(String sql, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
