package dev.viva.session;

import static dev.viva.session.Viva.answer;
import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class ReportTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SNEAKY = "<script>alert('x')</script> & volatile";

    @Test
    void theReportRevealsReferenceAnswersAndMissedPointsOnlyOnceCompletedAndGraded() {
        String team = unique("team");
        String token = candidate(unique("ann"), team);
        Map<String, Object> session = newSession(token, 2);
        String id = session.get("id").toString();
        String a1 = answer(token, id, questionId(session, 0), SNEAKY);
        String a2 = answer(token, id, questionId(session, 1), "Indexes speed up reads.");
        Viva.publishGraded(Viva.graded(id, a1, team, questionId(session, 0), 80));
        Viva.publishGraded(Viva.graded(id, a2, team, questionId(session, 1), 61));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id)
                .then().body("progress.graded", equalTo(2)));

        given().auth().oauth2(token).accept("application/json").when().get("/api/sessions/{id}/report", id).then()
                .statusCode(200)
                .body("overallScore", equalTo(71))
                .body("revealed", equalTo(false))
                .body("categories.category", contains("java", "databases"))
                .body("categories[0].score", equalTo(80))
                .body("categories[1].score", equalTo(61))
                .body("questions[0].criteria.level", contains(2, 3))
                .body("questions[0].keyPointsCovered", contains("Explains <b>visibility</b> guarantees"))
                .body("questions[0].keyPointsPartial", contains("Mentions happens-before"))
                .body("questions[0].keyPointsMissedCount", equalTo(1))
                .body("questions[0].keyPointsMissed", nullValue())
                .body("questions[0].referenceAnswer", nullValue())
                .body("questions[0].redFlags", hasItem("Claims volatile makes ++ atomic"))
                .body("questions[0].strengths", hasItem("Clear structure & <good> examples"))
                .body("questions[0].improvements", hasItem("Discuss memory fences"));

        String markdown = given().auth().oauth2(token).accept("text/markdown").when().get("/api/sessions/{id}/report", id)
                .then().statusCode(200).contentType("text/markdown").extract().asString();
        assertThat(markdown).contains("# ", "Overall score: 71 / 100", "graded 2 of 2", "| java | 80 / 100 |", "Key points missed:** 1")
                .doesNotContain("Secret missed point", "secret reference answer");

        String html = given().auth().oauth2(token).accept("text/html").when().get("/api/sessions/{id}/report", id)
                .then().statusCode(200).contentType("text/html").extract().asString();
        assertThat(html).contains("<svg", "<style>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; volatile",
                "Explains &lt;b&gt;visibility&lt;/b&gt; guarantees", "Red flag: Claims volatile makes ++ atomic")
                .doesNotContain("<script", "<b>visibility", "<link", "src=", "Secret missed point", "secret reference answer");

        given().auth().oauth2(token).when().post("/api/sessions/{id}/complete", id).then().statusCode(200);

        given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id).then()
                .body("revealed", equalTo(true))
                .body("questions[0].keyPointsMissed", contains("Secret missed point about fences"))
                .body("questions[0].referenceAnswer", equalTo("The secret reference answer text"));
        assertThat(given().auth().oauth2(token).accept("text/markdown").get("/api/sessions/{id}/report", id).asString())
                .contains("Secret missed point about fences", "The secret reference answer text");
        assertThat(given().auth().oauth2(token).accept("text/html").get("/api/sessions/{id}/report", id).asString())
                .contains("Secret missed point about fences", "Reference answer");
    }

    @Test
    void aCompletedSessionStillGradingRevealsNothingUntilEveryAnswerIsDone() {
        String team = unique("team");
        String token = candidate(unique("bea"), team);
        Map<String, Object> session = newSession(token, 2);
        String id = session.get("id").toString();
        String a1 = answer(token, id, questionId(session, 0), "One");
        String a2 = answer(token, id, questionId(session, 1), "Two");
        Viva.publishGraded(Viva.graded(id, a1, team, questionId(session, 0), 50));
        given().auth().oauth2(token).when().post("/api/sessions/{id}/complete", id).then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id)
                .then().body("progress.graded", equalTo(1)));
        given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id).then()
                .body("status", equalTo("COMPLETED"))
                .body("revealed", equalTo(false))
                .body("questions[0].referenceAnswer", nullValue());

        ObjectNode failed = Viva.graded(id, a2, team, questionId(session, 1), 0);
        failed.put("status", "FAILED").putNull("score").put("failureReason", "no valid reply");
        Viva.publishGraded(failed);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id)
                .then().body("revealed", equalTo(true))
                .body("progress.complete", equalTo(true))
                .body("overallScore", equalTo(50))
                .body("questions[0].referenceAnswer", equalTo("The secret reference answer text")));
    }

    @Test
    void feedbackThatQuotesAMissedKeyPointIsWithheldUntilTheReveal() {
        String team = unique("team");
        String token = candidate(unique("eli"), team);
        Map<String, Object> session = newSession(token, 1);
        String id = session.get("id").toString();
        String answerId = answer(token, id, questionId(session, 0), "Some answer");
        ObjectNode event = Viva.graded(id, answerId, team, questionId(session, 0), 40);
        event.putArray("improvements").add("Missing: Secret missed point about fences.").add("Give a concrete example");
        Viva.publishGraded(event);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id)
                .then().body("questions[0].improvements", contains("Give a concrete example"))
                .body("questions[0].feedbackWithheld", equalTo(1)));
        assertThat(given().auth().oauth2(token).accept("text/html").get("/api/sessions/{id}/report", id).asString())
                .doesNotContain("Secret missed point").contains("1 more suggestion is shown once the session ends");

        given().auth().oauth2(token).when().post("/api/sessions/{id}/complete", id).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/sessions/{id}/report", id).then()
                .body("questions[0].improvements", contains("Missing: Secret missed point about fences.", "Give a concrete example"))
                .body("questions[0].feedbackWithheld", equalTo(0));
    }

    @Test
    void otherRepresentationsAreRefusedWith406Problem() {
        String token = candidate(unique("cid"), unique("team"));
        Map<String, Object> session = newSession(token, 1);
        given().auth().oauth2(token).accept("application/xml").when().get("/api/sessions/{id}/report", session.get("id"))
                .then().statusCode(406).contentType("application/problem+json").body("status", equalTo(406));
        given().auth().oauth2(token).accept("text/markdown;q=0.5, text/html;q=0.9").when()
                .get("/api/sessions/{id}/report", session.get("id")).then().statusCode(200).contentType("text/html");
    }

    @Test
    void anUngradedReportSaysSo() {
        String token = candidate(unique("dan"), unique("team"));
        Map<String, Object> session = newSession(token, 1);
        given().auth().oauth2(token).when().get("/api/sessions/{id}/report", session.get("id")).then()
                .statusCode(200)
                .body("overallScore", nullValue())
                .body("questions[0].status", equalTo("UNANSWERED"))
                .body("progress.answered", equalTo(0));
        assertThat(given().auth().oauth2(token).accept("text/markdown").get("/api/sessions/{id}/report", session.get("id")).asString())
                .contains("not graded yet");
    }
}
