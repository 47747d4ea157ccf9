package dev.viva.session;

import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.interviewer;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Assignments, session list filters, per-candidate trends, comparisons and the CSV export, for one team. */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class TeamAnalyticsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static String assign(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/sessions")
                .then().statusCode(201).extract().path("id");
    }

    static void grade(String team, String sessionId, String answerId, String questionId, int score) {
        Viva.publishGraded(Viva.gradedV2(sessionId, answerId, team, questionId, score, 1));
    }

    @Test
    void anInterviewerAssignsASessionThatTheNamedCandidateSeesAndTakes() {
        String team = unique("team");
        String ivy = interviewer("ivy", team);
        String cara = candidate("cara", team);
        JsonPath created = given().auth().oauth2(ivy).contentType(ContentType.JSON)
                .body("{\"questionCount\":1,\"candidate\":\"cara\",\"title\":\"Screening for Cara\"}")
                .when().post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        assertThat(created.getString("candidate")).isEqualTo("cara");
        assertThat(created.getString("assignedBy")).isEqualTo("ivy");

        given().auth().oauth2(cara).get("/api/sessions").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.assignedBy", equalTo("ivy"));
        String questionId = created.getString("questions[0].questionId");
        Viva.answer(cara, id, questionId, "My answer.");
        given().auth().oauth2(candidate("dan", team)).get("/api/sessions/{id}", id).then().statusCode(404);
        given().auth().oauth2(candidate("cara", unique("other"))).get("/api/sessions/{id}", id).then().statusCode(404);
        // the interviewer reads it but does not answer for the candidate
        Viva.submit(ivy, id, questionId, "Not mine to answer.").statusCode(403);

        Viva.createSession(ivy, "{\"questionCount\":1}").statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("candidate"));
        Viva.createSession(ivy, "{\"questionCount\":1,\"candidate\":\"  \"}").statusCode(422);
        Viva.createSession(ivy, "{\"questionCount\":1,\"candidate\":\"" + "x".repeat(201) + "\"}").statusCode(422);
        Viva.createSession(cara, "{\"questionCount\":1,\"candidate\":\"dan\"}").statusCode(403).contentType("application/problem+json");
        // naming oneself is the same as naming no one
        JsonPath own = Viva.createSession(cara, "{\"questionCount\":1,\"candidate\":\"cara\"}").statusCode(201).extract().jsonPath();
        assertThat(own.getString("assignedBy")).isNull();
    }

    @Test
    void theSessionListFiltersByCandidateStatusDateAndCategory() {
        String team = unique("team");
        String ivy = interviewer("ivy", team);
        String javaSession = assign(ivy, "{\"questionCount\":2,\"categories\":[\"java\"],\"candidate\":\"cara\"}");
        String dbSession = assign(ivy, "{\"questionCount\":1,\"categories\":[\"databases\"],\"candidate\":\"cara\"}");
        String danSession = assign(ivy, "{\"questionCount\":1,\"categories\":[\"databases\"],\"candidate\":\"dan\"}");
        given().auth().oauth2(candidate("cara", team)).post("/api/sessions/{id}/complete", dbSession).then().statusCode(200);

        assertThat(ids(ivy, Map.of())).containsExactly(danSession, dbSession, javaSession);
        assertThat(ids(ivy, Map.of("candidate", "cara"))).containsExactly(dbSession, javaSession);
        assertThat(ids(ivy, Map.of("category", "java"))).containsExactly(javaSession);
        assertThat(ids(ivy, Map.of("status", "COMPLETED"))).containsExactly(dbSession);
        assertThat(ids(ivy, Map.of("status", "open", "candidate", "cara"))).containsExactly(javaSession);
        assertThat(ids(ivy, Map.of("status", "EXPIRED"))).isEmpty();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(ids(ivy, Map.of("from", today, "to", today))).hasSize(3);
        assertThat(ids(ivy, Map.of("from", tomorrow))).isEmpty();
        assertThat(ids(ivy, Map.of("to", yesterday))).isEmpty();
        assertThat(ids(ivy, Map.of("from", yesterday + "T00:00:00Z", "category", "databases"))).containsExactly(danSession, dbSession);
        assertThat(ids(ivy, Map.of("limit", "1"))).containsExactly(danSession);
        // a candidate's list is their own whatever they ask for
        assertThat(ids(candidate("dan", team), Map.of("candidate", "cara"))).containsExactly(danSession);

        given().auth().oauth2(ivy).queryParam("status", "DONE").get("/api/sessions").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        given().auth().oauth2(ivy).queryParam("from", "yesterday").get("/api/sessions").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().auth().oauth2(ivy).queryParam("from", tomorrow).queryParam("to", yesterday).get("/api/sessions").then().statusCode(422)
                .body("errors[0].field", equalTo("to"));
    }

    @Test
    void aCandidatesTrendAndASideBySideComparisonUseTheGradesOfRecord() {
        String team = unique("team");
        String ivy = interviewer("ivy", team);
        String cara = candidate("cara", team);
        String dan = candidate("dan", team);
        // cara: a java session (70, 90) then a mixed one (java 50, databases unanswered); dan: databases 40
        String s1 = assign(ivy, "{\"questionCount\":2,\"categories\":[\"java\"],\"candidate\":\"cara\"}");
        String s2 = assign(ivy, "{\"questionCount\":2,\"categories\":[\"java\",\"databases\"],\"candidate\":\"cara\"}");
        String s3 = assign(ivy, "{\"questionCount\":1,\"categories\":[\"databases\"],\"candidate\":\"dan\"}");
        grade(team, s1, Viva.answer(cara, s1, "java-question-1", "a"), "java-question-1", 70);
        grade(team, s1, Viva.answer(cara, s1, "java-question-2", "b"), "java-question-2", 90);
        grade(team, s2, Viva.answer(cara, s2, "java-question-1", "c"), "java-question-1", 50);
        grade(team, s3, Viva.answer(dan, s3, "databases-question-1", "d"), "databases-question-1", 40);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ivy).get("/api/analytics/candidates/cara")
                .then().statusCode(200).body("totals.graded", equalTo(3)));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ivy).get("/api/analytics/candidates/dan")
                .then().statusCode(200).body("totals.graded", equalTo(1)));

        JsonPath a = given().auth().oauth2(cara).get("/api/analytics/candidates/cara").then().statusCode(200).extract().jsonPath();
        assertThat(a.getInt("totals.sessions")).isEqualTo(2);
        assertThat(a.getInt("totals.questions")).isEqualTo(4);
        assertThat(a.getInt("totals.answered")).isEqualTo(3);
        assertThat(a.getInt("totals.unanswered")).isEqualTo(1);
        assertThat(a.getInt("totals.score")).isEqualTo(70);
        assertThat(a.getList("sessions.sessionId")).containsExactly(s1, s2);
        assertThat(a.getList("sessions.score")).containsExactly(80, 50);
        assertThat(a.getList("sessions[1].categories.category")).containsExactly("databases", "java");
        assertThat(a.getList("sessions[1].categories.answered")).containsExactly(0, 1);
        assertThat(a.getList("categories.category")).containsExactly("databases", "java");
        assertThat(a.getString("categories[0].score")).isNull();
        assertThat(a.getInt("categories[1].score")).isEqualTo(70);
        assertThat(a.getList("categories[1].trend.score")).containsExactly(80, 50);

        JsonPath c = given().auth().oauth2(ivy).queryParam("candidates", "cara, dan").get("/api/analytics/compare")
                .then().statusCode(200).extract().jsonPath();
        assertThat(c.getList("categories")).containsExactly("databases", "java");
        assertThat(c.getList("candidates.candidate")).containsExactly("cara", "dan");
        assertThat(c.getList("candidates[0].byCategory.score")).containsExactly(null, 70);
        assertThat(c.getList("candidates[1].byCategory.score")).containsExactly(40, null);
        assertThat(c.getList("candidates[1].byCategory.questions")).containsExactly(1, 0);

        given().auth().oauth2(dan).get("/api/analytics/candidates/cara").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(dan).queryParam("candidates", "cara,dan").get("/api/analytics/compare").then().statusCode(403);
        given().auth().oauth2(ivy).queryParam("candidates", "cara").get("/api/analytics/compare").then().statusCode(422)
                .body("errors[0].field", equalTo("candidates"));
        given().auth().oauth2(ivy).queryParam("candidates", "cara,cara").get("/api/analytics/compare").then().statusCode(422);
        given().auth().oauth2(ivy).get("/api/analytics/compare").then().statusCode(422);
        // another team has no such candidates
        given().auth().oauth2(interviewer("ivy", unique("other"))).get("/api/analytics/candidates/cara").then().statusCode(200)
                .body("totals.sessions", equalTo(0));
    }

    @Test
    void theCsvExportHasOneRowPerQuestionAndDefusesFormulas() {
        String team = unique("team");
        String ivy = interviewer("ivy", team);
        String cara = candidate("cara", team);
        String s1 = assign(ivy, "{\"questionCount\":2,\"categories\":[\"java\"],\"candidate\":\"cara\",\"title\":\"=HYPERLINK(\\\"x\\\"), part 1\"}");
        String answerId = Viva.answer(cara, s1, "java-question-1", "a");
        grade(team, s1, answerId, "java-question-1", 64);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(ivy).get("/api/sessions/{id}/report", s1)
                .then().body("questions[0].score", equalTo(64)));

        String csv = given().auth().oauth2(ivy).get("/api/sessions/export.csv").then().statusCode(200)
                .contentType("text/csv").header("Content-Disposition", "attachment; filename=\"sessions.csv\"")
                .extract().asString();
        List<String> lines = Arrays.asList(csv.split("\r\n"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("session_id,candidate,title,status,created_at,completed_at,assigned_by,position,"
                + "question_id,category,difficulty,answer_status,score,grade_source,reviewed_by,graded_at");
        assertThat(lines.get(1)).startsWith(s1 + ",cara,\"'=HYPERLINK(\"\"x\"\"), part 1\",OPEN,")
                .contains(",ivy,1,java-question-1,java,MID,GRADED,64,machine,,");
        assertThat(lines.get(2)).contains(",2,java-question-2,java,MID,UNANSWERED,,,,");
        assertThat(given().auth().oauth2(ivy).queryParam("category", "databases").get("/api/sessions/export.csv")
                .then().statusCode(200).extract().asString().split("\r\n")).hasSize(1);
        given().auth().oauth2(cara).get("/api/sessions/export.csv").then().statusCode(403);
        given().auth().oauth2(ivy).queryParam("status", "nope").get("/api/sessions/export.csv").then().statusCode(400);
    }

    private static List<String> ids(String token, Map<String, String> query) {
        return given().auth().oauth2(token).queryParams(query).get("/api/sessions").then().statusCode(200)
                .extract().jsonPath().getList("id");
    }
}
