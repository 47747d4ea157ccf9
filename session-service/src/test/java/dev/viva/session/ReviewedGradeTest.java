package dev.viva.session;

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
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Grades of record over the real broker: a review replaces the machine's grade in the report and is marked
 * as reviewed by an interviewer; a later machine regrade or an older revision does not replace it; v1 records
 * still apply.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class ReviewedGradeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aReviewBecomesTheReportsGradeAndARegradeDoesNotReplaceIt() {
        String team = unique("team");
        String token = candidate(unique("ann"), team);
        String ivy = interviewer("ivy", team);
        Map<String, Object> session = newSession(token, 2);
        String sessionId = session.get("id").toString();
        String q0 = questionId(session, 0);
        String q1 = questionId(session, 1);
        String a0 = answer(token, sessionId, q0, "Volatile gives visibility and ordering.");
        String a1 = answer(token, sessionId, q1, "Second answer.");

        ObjectNode machine = Viva.gradedV2(sessionId, a0, team, q0, 60, 1);
        Viva.publishGraded(machine);
        // the other answer arrives as a version 1 record, as one still in flight from an older grader would
        Viva.publishGraded(Viva.graded(sessionId, a1, team, q1, 40));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).get("/api/sessions/{id}/report", sessionId)
                .then().body("questions[0].score", equalTo(60)).body("questions[1].score", equalTo(40))
                .body("questions[0].gradeSource", equalTo("machine")).body("questions[0].review", nullValue()));

        Viva.publishGraded(Viva.reviewed(machine, 85, 2, "ivy"));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).get("/api/sessions/{id}/report", sessionId)
                .then().body("questions[0].score", equalTo(85)).body("overallScore", equalTo(63)));
        given().auth().oauth2(token).get("/api/sessions/{id}/report", sessionId).then()
                .body("questions[0].gradeSource", equalTo("review"))
                .body("questions[0].review.reviewer", equalTo("ivy"))
                .body("questions[0].review.machineScore", equalTo(60))
                .body("questions[0].review.comment", equalTo("You did cover <happens-before>."))
                // the reason is for the team, not for the candidate
                .body("questions[0].review.reason", nullValue());
        given().auth().oauth2(ivy).get("/api/sessions/{id}/report", sessionId).then()
                .body("questions[0].review.reason", equalTo("Grader missed a paraphrase"));
        given().auth().oauth2(token).accept("text/markdown").get("/api/sessions/{id}/report", sessionId).then()
                .statusCode(200).body(containsString("Reviewed by an interviewer** (ivy"))
                .body(containsString("the grader gave 60"));
        given().auth().oauth2(token).accept("text/html").get("/api/sessions/{id}/report", sessionId).then()
                .statusCode(200).body(containsString("reviewed by an interviewer (ivy"))
                .body(containsString("You did cover &lt;happens-before&gt;."));
        given().auth().oauth2(token).get("/api/sessions").then()
                .body("find { it.id == '" + sessionId + "' }.score", equalTo(63))
                .body("find { it.id == '" + sessionId + "' }.reviewedAnswers", equalTo(1));

        // A machine regrade (revision 3), and a late copy of an older review (revision 2, new event id),
        // then a marker on the same partition: once it is applied, the two before it were consumed.
        Viva.publishGraded(Viva.gradedV2(sessionId, a0, team, q0, 10, 3));
        Viva.publishGraded(Viva.reviewed(machine, 5, 2, "eve"));
        Viva.publishGraded(Viva.graded(sessionId, a1, team, q1, 50));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).get("/api/sessions/{id}/report", sessionId)
                .then().body("questions[1].score", equalTo(50)));
        given().auth().oauth2(token).get("/api/sessions/{id}/report", sessionId).then()
                .body("questions[0].score", equalTo(85)).body("questions[0].review.reviewer", equalTo("ivy"));

        // A newer review (revision 4) does replace the earlier one.
        Viva.publishGraded(Viva.reviewed(machine, 70, 4, "max"));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).get("/api/sessions/{id}/report", sessionId)
                .then().body("questions[0].score", equalTo(70)).body("questions[0].review.reviewer", equalTo("max")));
    }

    @Test
    void followUpsAreShownWithTheReferenceAnswerOnceTheSessionIsComplete() {
        String team = unique("team");
        String token = candidate(unique("bob"), team);
        Map<String, Object> session = newSession(token, 1);
        String sessionId = session.get("id").toString();
        String q0 = questionId(session, 0);
        String a0 = answer(token, sessionId, q0, "An answer.");
        Viva.publishGraded(Viva.gradedV2(sessionId, a0, team, q0, 55, 1));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).get("/api/sessions/{id}/report", sessionId)
                .then().body("questions[0].score", equalTo(55)).body("questions[0].followUps", nullValue()));

        given().auth().oauth2(token).post("/api/sessions/{id}/complete", sessionId).then().statusCode(200);
        given().auth().oauth2(token).get("/api/sessions/{id}/report", sessionId).then()
                .body("revealed", equalTo(true))
                .body("questions[0].followUps[0]", equalTo("How do fences relate to volatile?"));
        String md = given().auth().oauth2(token).accept("text/markdown").get("/api/sessions/{id}/report", sessionId)
                .then().statusCode(200).extract().asString();
        assertThat(md).contains("**Follow-up questions:**", "- How do fences relate to volatile?");
    }
}
