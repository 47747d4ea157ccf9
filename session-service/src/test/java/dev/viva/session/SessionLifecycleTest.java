package dev.viva.session;

import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.createSession;
import static dev.viva.session.Viva.interviewer;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.submit;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class SessionLifecycleTest {

    @Inject
    DataSource dataSource;

    @Test
    void startingASessionDrawsQuestionsForTheCandidatesTeamAndReturnsThem() {
        String team = unique("team");
        String token = candidate(unique("ann"), team);
        String id = createSession(token, "{\"questionCount\":3,\"categories\":[\"java\"],\"difficulty\":\"SENIOR\",\"title\":\"Concurrency drill\",\"timeLimitMinutes\":30}")
                .statusCode(201)
                .header("Location", containsString("/api/sessions/"))
                .body("status", equalTo("OPEN"))
                .body("title", equalTo("Concurrency drill"))
                .body("createdAt", notNullValue())
                .body("expiresAt", notNullValue())
                .body("questions", hasSize(3))
                .body("questions[0].position", equalTo(1))
                .body("questions[0].questionId", equalTo("java-question-1"))
                .body("questions[0].category", equalTo("java"))
                .body("questions[0].difficulty", equalTo("SENIOR"))
                .body("questions[0].prompt", equalTo("Question 1 about java for team " + team))
                .extract().path("id");

        given().auth().oauth2(token).when().get("/api/sessions/{id}", id).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("questions.questionId", hasItem("java-question-3"));
    }

    @Test
    void locationPointsAtTheNewSession() {
        String token = candidate(unique("bea"), unique("team"));
        String location = createSession(token, "{\"questionCount\":1}").statusCode(201).extract().header("Location");
        given().auth().oauth2(token).when().get(location).then().statusCode(200).body("questions", hasSize(1));
    }

    @Test
    void questionServiceDownGives503AndStoresNothing() throws SQLException {
        String subject = unique("cid");
        String token = candidate(subject, unique("team"));
        createSession(token, "{\"questionCount\":2,\"categories\":[\"stub-down\"]}")
                .statusCode(503)
                .contentType("application/problem+json")
                .body("status", equalTo(503))
                .body("title", notNullValue());
        createSession(token, "{\"questionCount\":2,\"categories\":[\"stub-slow\"]}")
                .statusCode(503)
                .contentType("application/problem+json");
        assertThat(count("SELECT count(*) FROM sessions WHERE candidate = ?", subject)).isZero();
        given().auth().oauth2(token).when().get("/api/sessions").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void questionServiceRefusalIsPassedOnWithItsReason() {
        String token = candidate(unique("dan"), unique("team"));
        createSession(token, "{\"questionCount\":5,\"categories\":[\"stub-scarce\"]}")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("Only 2 questions match"))
                .body("errors[0].field", equalTo("questionCount"));
        createSession(token, "{\"questionCount\":1,\"categories\":[\"stub-unknown\"]}")
                .statusCode(422)
                .body("detail", containsString("Unknown category stub-unknown"));
    }

    @Test
    void badSessionRequestsNameTheField() {
        String token = candidate(unique("eve"), unique("team"));
        createSession(token, "{\"questionCount\":0}").statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("questionCount"));
        createSession(token, "{\"questionCount\":21}").statusCode(422).body("errors[0].field", equalTo("questionCount"));
        createSession(token, "{}").statusCode(422).body("errors[0].field", equalTo("questionCount"));
        createSession(token, "{\"questionCount\":\"many\"}").statusCode(400).body("errors[0].field", equalTo("questionCount"));
        createSession(token, "{\"questionCount\":2,\"difficulty\":\"GURU\"}").statusCode(400).body("errors[0].field", equalTo("difficulty"));
        createSession(token, "{\"questionCount\":2,\"timeLimitMinutes\":0}").statusCode(422).body("errors[0].field", equalTo("timeLimitMinutes"));
        createSession(token, "{\"questionCount\":").statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType("text/plain").body("questionCount=2").when().post("/api/sessions")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void historyShowsOwnSessionsWithScoresAndInterviewersSeeTheTeam() {
        String team = unique("team");
        String ann = unique("ann");
        String bob = unique("bob");
        String annToken = candidate(ann, team);
        newSession(annToken, 1);
        newSession(annToken, 2);
        newSession(candidate(bob, team), 1);
        newSession(candidate(ann, unique("other-team")), 1);

        given().auth().oauth2(annToken).when().get("/api/sessions").then().statusCode(200)
                .body("", hasSize(2))
                .body("candidate", org.hamcrest.Matchers.everyItem(equalTo(ann)))
                .body("[0].score", nullValue());
        String interviewer = interviewer(unique("ivy"), team);
        given().auth().oauth2(interviewer).when().get("/api/sessions").then().statusCode(200).body("", hasSize(3));
        given().auth().oauth2(interviewer).queryParam("candidate", bob).when().get("/api/sessions").then()
                .statusCode(200).body("", hasSize(1)).body("[0].candidate", equalTo(bob));
        given().auth().oauth2(annToken).queryParam("limit", 1).when().get("/api/sessions").then()
                .statusCode(200).body("", hasSize(1));
        given().auth().oauth2(annToken).queryParam("limit", 0).when().get("/api/sessions").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        // a candidate cannot widen the list to someone else
        given().auth().oauth2(annToken).queryParam("candidate", bob).when().get("/api/sessions").then()
                .statusCode(200).body("", hasSize(2)).body("candidate", org.hamcrest.Matchers.everyItem(equalTo(ann)));
    }

    @Test
    void completingClosesTheSessionForAnswers() {
        String token = candidate(unique("fay"), unique("team"));
        Map<String, Object> session = newSession(token, 2);
        Object id = session.get("id");
        submit(token, id, questionId(session, 0), "An answer before completion").statusCode(202);
        given().auth().oauth2(token).when().post("/api/sessions/{id}/complete", id).then()
                .statusCode(200).body("status", equalTo("COMPLETED")).body("completedAt", notNullValue());
        submit(token, id, questionId(session, 1), "Too late").statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409));
        given().auth().oauth2(token).when().post("/api/sessions/{id}/complete", id).then()
                .statusCode(200).body("status", equalTo("COMPLETED"));
    }

    @Test
    void aSessionPastItsTimeLimitIsExpiredAndTakesNoAnswers() throws SQLException {
        String token = candidate(unique("gil"), unique("team"));
        Map<String, Object> session = createSession(token, "{\"questionCount\":1,\"timeLimitMinutes\":5}")
                .statusCode(201).extract().jsonPath().getMap("");
        String id = session.get("id").toString();
        submit(token, id, questionId(session, 0), "In time").statusCode(202);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE id = ?")) {
            s.setObject(1, UUID.fromString(id));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        given().auth().oauth2(token).when().get("/api/sessions/{id}", id).then().statusCode(200).body("status", equalTo("EXPIRED"));
        submit(token, id, questionId(session, 0), "Too late").statusCode(409).body("detail", containsString("EXPIRED"));
        given().auth().oauth2(token).when().post("/api/sessions/{id}/complete", id).then().statusCode(409);
    }

    @Test
    void unknownSessionIs404Problem() {
        String token = candidate(unique("hal"), unique("team"));
        given().auth().oauth2(token).when().get("/api/sessions/{id}", UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json").body("instance", containsString("/api/sessions/"));
        given().auth().oauth2(token).when().get("/api/sessions/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        given().auth().oauth2(token).when().get("/api/sessions/{id}/report", UUID.randomUUID()).then()
                .statusCode(404).body("type", endsWith("not-found"));
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
