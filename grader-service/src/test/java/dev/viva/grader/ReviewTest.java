package dev.viva.grader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.Api;
import dev.viva.grader.support.Contracts;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.grader.support.FakeUpstreams.Reply;
import dev.viva.grader.support.TestKafka;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Interviewers' reviews on the real broker and database: an override is scored by the service, stored
 * beside the untouched machine evaluation, published as the grade of record, and survives a regrade.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class ReviewTest {

    static final String PROBLEM = "application/problem+json";
    /** Contains the quotes of FakeUpstreamsReplies.valid(): three key points covered, levels 2, 2, 2, 1 (score 63). */
    static final String ANSWER = "Documents are split into chunks and embedded. The nearest chunks are retrieved and go into the prompt.";

    static AnswerSubmitted graded(String team) {
        AnswerSubmitted a = Answers.answer(team, Answers.QUESTION, ANSWER);
        FakeUpstreams.script(a.answerId().toString(), Reply.ok(FakeUpstreamsReplies.valid()));
        Answers.publish(a);
        assertThat(Api.awaitEvaluation(team, a.answerId()).getInt("latest.score")).isEqualTo(63);
        return a;
    }

    static ValidatableResponse review(String token, UUID answerId, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/evaluations/{id}/reviews", answerId).then();
    }

    static JsonPath evaluation(String team, UUID answerId) {
        return given().auth().oauth2(Api.token(team, "interviewer")).when().get("/api/evaluations/{id}", answerId)
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonNode graded(UUID answerId, String source, int revision) throws Exception {
        ConsumerRecord<String, String> r = TestKafka.await("answers.graded", rec -> rec.value().contains(answerId.toString())
                && rec.value().contains("\"gradeSource\":\"" + source + "\"") && rec.value().contains("\"revision\":" + revision + ","),
                Duration.ofSeconds(30));
        assertThat(Contracts.violations("answer-graded.v2.schema.json", r.value())).isEmpty();
        return Answers.JSON.readTree(r.value());
    }

    @Test
    void anOverrideIsScoredByTheServiceKeepsTheMachineEvaluationAndIsPublishedAsTheGradeOfRecord() throws Exception {
        String team = Answers.team();
        AnswerSubmitted a = graded(team);
        String machineId = evaluation(team, a.answerId()).getString("latest.id");
        JsonNode machineEvent = graded(a.answerId(), "machine", 1);
        assertThat(machineEvent.path("review").isNull()).isTrue();
        assertThat(machineEvent.path("followUps").size()).isEqualTo(3);

        JsonPath created = review(Api.token(team, "interviewer"), a.answerId(), """
                {"action":"OVERRIDE","keyPoints":[{"id":"why-not-fine-tuning","status":"COVERED"}],
                 "criteria":[{"id":"depth","level":3}],
                 "comment":"You did explain why RAG beats retraining for changing documents.",
                 "reason":"The grader missed the second paragraph"}""")
                .statusCode(201).header("Location", containsString("/reviews/")).extract().jsonPath();

        // kp = 12/14, criteria = (4·2 + 3·2 + 2·2 + 2·3) / (3·11) = 24/33: round(100 × (0.7·0.857 + 0.3·0.727)) = 82
        assertThat(created.getInt("review.score")).isEqualTo(82);
        assertThat(created.getInt("review.machineScore")).isEqualTo(63);
        assertThat(created.getString("review.reviewer")).isEqualTo("user-" + team);
        assertThat(created.getList("review.changes.field")).containsExactly("keyPoints.why-not-fine-tuning", "criteria.depth");
        assertThat(created.getString("gradeOfRecord.source")).isEqualTo("review");
        assertThat(created.getInt("gradeOfRecord.score")).isEqualTo(82);
        assertThat(created.getInt("gradeOfRecord.revision")).isEqualTo(2);

        JsonPath ev = evaluation(team, a.answerId());
        assertThat(ev.getString("latest.id")).isEqualTo(machineId);
        assertThat(ev.getInt("latest.score")).isEqualTo(63);
        assertThat(ev.getString("latest.keyPoints.find { it.id == 'why-not-fine-tuning' }.status")).isEqualTo("MISSING");
        assertThat(ev.getString("gradeOfRecord.source")).isEqualTo("review");
        assertThat(ev.getInt("gradeOfRecord.score")).isEqualTo(82);
        assertThat(ev.getList("reviews")).hasSize(1);
        assertThat(ev.getString("reviews[0].reason")).isEqualTo("The grader missed the second paragraph");
        assertThat(ev.getString("reviews[0].keyPoints.find { it.id == 'why-not-fine-tuning' }.machine")).isEqualTo("MISSING");

        JsonNode event = graded(a.answerId(), "review", 2);
        assertThat(event.path("score").asInt()).isEqualTo(82);
        assertThat(event.path("evaluationId").asText()).isEqualTo(machineId);
        assertThat(event.path("review").path("reviewer").asText()).isEqualTo("user-" + team);
        assertThat(event.path("review").path("comment").asText()).startsWith("You did explain");
        assertThat(event.path("review").path("machineScore").asInt()).isEqualTo(63);

        // A second reviewer builds on the first: only what they list changes.
        JsonPath second = review(Api.token(team, "admin"), a.answerId(),
                "{\"action\":\"OVERRIDE\",\"criteria\":[{\"id\":\"clarity\",\"level\":3}]}").statusCode(201).extract().jsonPath();
        // criteria = (8 + 6 + 6 + 6) / 33: round(60 + 23.64) = 84
        assertThat(second.getInt("review.score")).isEqualTo(84);
        assertThat(second.getInt("gradeOfRecord.revision")).isEqualTo(3);
        assertThat(evaluation(team, a.answerId()).getList("reviews.score")).containsExactly(84, 82);
    }

    @Test
    void aRegradeByTheMachineDoesNotReplaceTheReview() throws Exception {
        String team = Answers.team();
        AnswerSubmitted a = graded(team);
        review(Api.token(team, "interviewer"), a.answerId(), "{\"action\":\"ACCEPT\",\"comment\":\"Fair grade\"}")
                .statusCode(201).body("review.score", equalTo(63)).body("review.changes.size()", equalTo(0));

        given().auth().oauth2(Api.token(team, "admin")).contentType("application/json")
                .body("{\"answerIds\":[\"" + a.answerId() + "\"]}").when().post("/api/evaluations/regrade").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> evaluation(team, a.answerId()).getList("history").size() == 2);

        JsonPath ev = evaluation(team, a.answerId());
        assertThat(ev.getInt("latest.revision")).isEqualTo(3);
        assertThat(ev.getString("gradeOfRecord.source")).isEqualTo("review");
        assertThat(ev.getInt("gradeOfRecord.revision")).isEqualTo(2);
        JsonNode regrade = graded(a.answerId(), "machine", 3);
        assertThat(regrade.path("gradeSource").asText()).isEqualTo("machine");
        // not silently: the regrade (every key point covered this time, 100) disagrees with the review, so it is queued
        assertThat(ev.getInt("latest.score")).isEqualTo(100);
        JsonPath queue = given().auth().oauth2(Api.token(team, "interviewer")).get("/api/review-queue").then().statusCode(200)
                .extract().jsonPath();
        assertThat(queue.getList("items.answerId")).containsExactly(a.answerId().toString());
        assertThat(queue.getList("items[0].reasons.code")).containsExactly("REGRADE_DIFFERS_FROM_REVIEW");
    }

    @Test
    void aFailedGradingCanBeGradedByAPersonWhoGivesEveryVerdict() throws Exception {
        String team = Answers.team();
        AnswerSubmitted a = Answers.answer(team, Answers.QUESTION, ANSWER);
        FakeUpstreams.script(a.answerId().toString(), Reply.status(429, Map.of(),
                "{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"));
        Answers.publish(a);
        assertThat(Api.awaitEvaluation(team, a.answerId()).getString("latest.status")).isEqualTo("FAILED");
        String token = Api.token(team, "interviewer");

        review(token, a.answerId(), "{\"action\":\"ACCEPT\"}").statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("action"));
        review(token, a.answerId(), "{\"action\":\"OVERRIDE\",\"keyPoints\":[{\"id\":\"indexing\",\"status\":\"COVERED\"}]}")
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("keyPoints"))
                .body("detail", containsString("retrieval"));
        assertThat(evaluation(team, a.answerId()).getList("reviews")).isEmpty();

        JsonPath created = review(token, a.answerId(), """
                {"action":"OVERRIDE","keyPoints":[{"id":"indexing","status":"COVERED"},{"id":"retrieval","status":"COVERED"},
                 {"id":"augmented-generation","status":"PARTIAL"},{"id":"why-not-fine-tuning","status":"MISSING"},
                 {"id":"citations-and-access","status":"MISSING"}],
                 "criteria":[{"id":"accuracy","level":2},{"id":"completeness","level":1},{"id":"clarity","level":2},{"id":"depth","level":1}]}""")
                .statusCode(201).extract().jsonPath();
        // kp = 7.5/14, criteria = (8 + 3 + 4 + 2)/33: round(37.5 + 15.45) = 53
        assertThat(created.getInt("review.score")).isEqualTo(53);
        assertThat(created.getString("review.machineScore")).isNull();
        JsonNode event = graded(a.answerId(), "review", 2);
        assertThat(event.path("status").asText()).isEqualTo("GRADED");
        assertThat(event.path("failureReason").isNull()).isTrue();
    }

    @Test
    void badReviewsAreRefusedAndStoreNothing() {
        String team = Answers.team();
        AnswerSubmitted a = graded(team);
        String token = Api.token(team, "interviewer");

        review(token, a.answerId(), "{\"action\":\"OVERRIDE\",\"keyPoints\":[{\"id\":\"no-such-point\",\"status\":\"COVERED\"}]}")
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("keyPoints[0].id"))
                .body("detail", containsString("no-such-point"));
        review(token, a.answerId(), "{\"action\":\"OVERRIDE\",\"criteria\":[{\"id\":\"depth\",\"level\":4}]}")
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("criteria[0].level"));
        review(token, a.answerId(), "{\"action\":\"OVERRIDE\",\"criteria\":[{\"id\":\"depth\",\"level\":-1}]}")
                .statusCode(422).contentType(PROBLEM);
        review(token, a.answerId(), "{\"action\":\"OVERRIDE\",\"criteria\":[{\"id\":\"style\",\"level\":1}]}")
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("criteria[0].id"));
        review(token, a.answerId(), "{\"action\":\"OVERRIDE\",\"redFlags\":[\"not-a-flag\"]}")
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("redFlags[0]"));
        review(token, a.answerId(), "{\"action\":\"OVERRIDE\",\"keyPoints\":[{\"id\":\"indexing\",\"status\":\"MISSING\"},"
                + "{\"id\":\"indexing\",\"status\":\"COVERED\"}]}").statusCode(422).contentType(PROBLEM);
        review(token, a.answerId(), "{\"action\":\"ACCEPT\",\"keyPoints\":[{\"id\":\"indexing\",\"status\":\"MISSING\"}]}")
                .statusCode(422).contentType(PROBLEM);
        review(token, a.answerId(), "{\"action\":\"OVERRIDE\",\"keyPoints\":[{\"id\":\"indexing\",\"status\":\"MOSTLY\"}]}")
                .statusCode(400).contentType(PROBLEM);
        review(token, a.answerId(), "{\"action\":\"APPROVE\"}").statusCode(400).contentType(PROBLEM);
        review(token, a.answerId(), "{}").statusCode(422).contentType(PROBLEM).body("errors[0].field", containsString("action"));
        review(token, a.answerId(), "{\"action\":").statusCode(400).contentType(PROBLEM);
        review(token, UUID.randomUUID(), "{\"action\":\"ACCEPT\"}").statusCode(404).contentType(PROBLEM);
        review(Api.token(Answers.team(), "interviewer"), a.answerId(), "{\"action\":\"ACCEPT\"}").statusCode(404).contentType(PROBLEM);
        review(Api.token(team, "candidate"), a.answerId(), "{\"action\":\"ACCEPT\"}").statusCode(403).contentType(PROBLEM);
        given().contentType("application/json").body("{\"action\":\"ACCEPT\"}")
                .when().post("/api/evaluations/{id}/reviews", a.answerId()).then().statusCode(401);

        JsonPath ev = evaluation(team, a.answerId());
        assertThat(ev.getList("reviews")).isEmpty();
        assertThat(ev.getString("gradeOfRecord.source")).isEqualTo("machine");
        assertThat(ev.getInt("gradeOfRecord.score")).isEqualTo(63);
        assertThat(List.of(ev.getInt("gradeOfRecord.revision"))).containsExactly(1);
    }
}
