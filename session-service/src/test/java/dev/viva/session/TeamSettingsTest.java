package dev.viva.session;

import static dev.viva.session.Viva.admin;
import static dev.viva.session.Viva.answer;
import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.interviewer;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;

/**
 * A team's admin chooses what completed sessions reveal and how much each candidate may do; the report, the
 * session start and the answer submission obey it, and progress streams are bounded per user.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class TeamSettingsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DataSource dataSource;

    private static void put(String team, String policy, int sessionsPerDay, int answersPerQuestion) {
        given().auth().oauth2(admin(unique("ada"), team)).contentType(ContentType.JSON)
                .body("{\"revealPolicy\":\"" + policy + "\",\"sessionsPerDay\":" + sessionsPerDay + ",\"answersPerQuestion\":"
                        + answersPerQuestion + "}")
                .when().put("/api/team/settings").then().statusCode(200).body("revealPolicy", equalTo(policy));
    }

    @Test
    void aTeamStartsWithPracticeAndTheDefaultsAndOnlyItsAdminChangesThem() {
        String team = unique("team");
        given().auth().oauth2(admin(unique("ada"), team)).when().get("/api/team/settings").then().statusCode(200)
                .body("team", equalTo(team)).body("revealPolicy", equalTo("practice"))
                .body("sessionsPerDay", equalTo(20)).body("answersPerQuestion", equalTo(5)).body("updatedBy", nullValue());
        given().auth().oauth2(interviewer(unique("ivy"), team)).contentType(ContentType.JSON)
                .body("{\"revealPolicy\":\"assessment\",\"sessionsPerDay\":1,\"answersPerQuestion\":1}")
                .when().put("/api/team/settings").then().statusCode(403).body("detail", containsString("admin"));
        given().auth().oauth2(candidate(unique("cy"), team)).when().get("/api/team/settings").then().statusCode(403);
        given().auth().oauth2(admin(unique("ada"), team)).contentType(ContentType.JSON)
                .body("{\"revealPolicy\":\"secret\",\"sessionsPerDay\":1,\"answersPerQuestion\":1}")
                .when().put("/api/team/settings").then().statusCode(400).body("errors[0].field", equalTo("revealPolicy"))
                .body("errors[0].message", containsString("practice, assessment"));
        given().auth().oauth2(admin(unique("ada"), team)).contentType(ContentType.JSON)
                .body("{\"revealPolicy\":\"assessment\",\"sessionsPerDay\":0,\"answersPerQuestion\":1}")
                .when().put("/api/team/settings").then().statusCode(422).body("errors[0].field", equalTo("sessionsPerDay"));

        put(team, "assessment", 3, 2);
        given().auth().oauth2(admin(unique("al"), team)).when().get("/api/team/settings").then()
                .body("revealPolicy", equalTo("assessment")).body("sessionsPerDay", equalTo(3)).body("updatedBy", containsString("ada"));
        // another team keeps its own settings
        given().auth().oauth2(admin(unique("ada"), unique("other"))).when().get("/api/team/settings").then()
                .body("revealPolicy", equalTo("practice"));
    }

    @Test
    void anAssessmentTeamsCandidateNeverSeesReferenceAnswersOrMissedPointsButItsInterviewerDoes() {
        String practice = unique("practice");
        String assessment = unique("assessment");
        put(assessment, "assessment", 20, 5);
        ExtractableResponse<?> practiceReport = completedAndGraded(practice, candidate(unique("pat"), practice));
        assertThat(practiceReport.<Boolean>path("revealed")).isTrue();
        assertThat(practiceReport.<String>path("questions[0].referenceAnswer")).isEqualTo("The secret reference answer text");

        String candidate = candidate(unique("ann"), assessment);
        ExtractableResponse<?> report = completedAndGraded(assessment, candidate);
        assertThat(report.<Boolean>path("revealed")).isFalse();
        assertThat(report.<String>path("questions[0].referenceAnswer")).isNull();
        assertThat(report.<Object>path("questions[0].keyPointsMissed")).isNull();
        assertThat(report.<Integer>path("questions[0].score")).isEqualTo(70);
        String id = report.path("sessionId");
        for (String type : List.of("text/markdown", "text/html")) {
            assertThat(given().auth().oauth2(candidate).accept(type).get("/api/sessions/{id}/report", id).asString())
                    .doesNotContain("secret reference answer", "Secret missed point");
        }
        given().auth().oauth2(interviewer(unique("ivy"), assessment)).when().get("/api/sessions/{id}/report", id).then()
                .body("revealed", equalTo(true)).body("questions[0].referenceAnswer", equalTo("The secret reference answer text"));
    }

    private static ExtractableResponse<?> completedAndGraded(String team, String token) {
        Map<String, Object> session = newSession(token, 1);
        String id = session.get("id").toString();
        String answerId = answer(token, id, questionId(session, 0), "An answer about fences.");
        Viva.publishGraded(Viva.graded(id, answerId, team, questionId(session, 0), 70));
        given().auth().oauth2(token).when().post("/api/sessions/{id}/complete", id).then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id)
                .then().body("progress.graded", equalTo(1)));
        return given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id).then().statusCode(200).extract();
    }

    @Test
    void aCandidateOverTheSessionQuotaGets429WithRetryAfterAndNothingIsStarted() {
        String team = unique("team");
        put(team, "practice", 2, 5);
        String token = candidate(unique("sam"), team);
        newSession(token, 1);
        newSession(token, 1);
        var refused = Viva.createSession(token, "{\"questionCount\":1}").statusCode(429)
                .contentType("application/problem+json").body("type", equalTo("https://viva.dev/problems/too-many-requests"))
                .body("detail", containsString("2 sessions")).extract();
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(Duration.ofHours(23).toSeconds(), Duration.ofHours(24).toSeconds() + 1);
        assertThat(given().auth().oauth2(token).get("/api/sessions").jsonPath().getList("id")).hasSize(2);
        // the quota is per candidate
        newSession(candidate(unique("sue"), team), 1);
    }

    @Test
    void answersToOneQuestionBeyondTheQuotaGet429WithRetryAfter() {
        String team = unique("team");
        put(team, "practice", 20, 2);
        String token = candidate(unique("max"), team);
        Map<String, Object> session = newSession(token, 2);
        String id = session.get("id").toString();
        answer(token, id, questionId(session, 0), "First try.");
        String second = answer(token, id, questionId(session, 0), "Second try.");
        String third = Viva.submit(token, id, questionId(session, 0), "Third try.").statusCode(429)
                .contentType("application/problem+json").extract().header("Retry-After");
        assertThat(Long.parseLong(third)).isGreaterThan(Duration.ofHours(23).toSeconds());
        given().auth().oauth2(token).get("/api/sessions/{id}", id).then()
                .body("questions[0].answer.answerId", equalTo(second));
        // another question of the session has its own count
        answer(token, id, questionId(session, 1), "Another question.");
    }

    @Test
    void afterATeamLowersItsQuotaRetryAfterWaitsForTheAnswerWhoseLeavingFreesAPlace() throws Exception {
        String team = unique("team");
        put(team, "practice", 20, 3);
        String token = candidate(unique("lou"), team);
        Map<String, Object> session = newSession(token, 1);
        String id = session.get("id").toString();
        String question = questionId(session, 0);
        String first = answer(token, id, question, "First try.");
        answer(token, id, question, "Second try.");
        answer(token, id, question, "Third try.");
        // the first answer leaves the 24 h window in 4 hours, the other two in 24
        try (var c = dataSource.getConnection();
                var s = c.prepareStatement("UPDATE answers SET submitted_at = now() - interval '20 hours' WHERE id = ?")) {
            s.setObject(1, java.util.UUID.fromString(first));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        put(team, "practice", 20, 2);
        // three answers in the window against a quota of two: a place frees when the second newest leaves, not the oldest
        String retryAfter = Viva.submit(token, id, question, "Fourth try.").statusCode(429)
                .contentType("application/problem+json").body("detail", containsString("2 answers")).extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isGreaterThan(Duration.ofHours(23).toSeconds());
    }

    @Test
    void progressStreamsAreBoundedPerUserAndAClosedOneFreesItsSlot() throws Exception {
        String team = unique("team");
        String token = candidate(unique("sse"), team);
        String id = newSession(token, 1).get("id").toString();
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(new SseClient(token, id));
                assertThat(open.get(i).status).isEqualTo(200);
            }
            given().auth().oauth2(token).when().get("/api/sessions/{id}/events", id).then().statusCode(429)
                    .contentType("application/problem+json").header("Retry-After", equalTo("5"));
            // another user is not affected
            try (SseClient other = new SseClient(interviewer(unique("ivy"), team), id)) {
                assertThat(other.status).isEqualTo(200);
            }
            open.remove(0).close();
            await().atMost(WAIT).untilAsserted(() -> {
                try (SseClient again = new SseClient(token, id)) {
                    assertThat(again.status).isEqualTo(200);
                }
            });
        } finally {
            for (SseClient c : open) {
                c.close();
            }
        }
        given().auth().oauth2(token).when().head("/api/sessions/{id}/events", id).then().statusCode(200);
        given().auth().oauth2(candidate(unique("eve"), team)).when().head("/api/sessions/{id}/events", id).then().statusCode(404);
    }
}
