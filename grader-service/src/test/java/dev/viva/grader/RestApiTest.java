package dev.viva.grader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.Api;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The grader's REST API as interviewers and admins use it, including every refusal. */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class RestApiTest {

    static final String PROBLEM = "application/problem+json";

    @Test
    void evaluationsNeedATokenAndTheRightRole() {
        UUID id = UUID.randomUUID();
        given().when().get("/api/evaluations/{id}", id).then().statusCode(401);
        given().auth().oauth2(Api.token("t1", "candidate")).when().get("/api/evaluations/{id}", id)
                .then().statusCode(403);
        given().auth().oauth2(Api.token("t1", "interviewer")).contentType("application/json").body("{\"questionId\":\"x\"}")
                .when().post("/api/evaluations/regrade").then().statusCode(403);
        given().when().get("/api/usage").then().statusCode(401);
        given().auth().oauth2("not.a.token").when().get("/api/evaluations/{id}", id).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(dev.viva.local.DevTokens.mint("u", "t1", Duration.ofSeconds(-120), "admin"))
                .when().get("/api/grader").then().statusCode(401);
        given().auth().oauth2(Api.token("t1", "candidate")).when().get("/api/usage").then().statusCode(403);
    }

    @Test
    void unknownAnswerIs404AndBadIdIs400Problem() {
        given().auth().oauth2(Api.token("t1", "interviewer")).when().get("/api/evaluations/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404)).body("title", equalTo("Not Found"));
        given().auth().oauth2(Api.token("t1", "interviewer")).when().get("/api/evaluations/not-a-uuid")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("answerId"));
    }

    @Test
    void evaluationsAreScopedToTheTeam() {
        String team = Answers.team();
        AnswerSubmitted a = Answers.publish(Answers.answer(team, Answers.QUESTION, "Chunks are embedded into an index."));
        Api.awaitEvaluation(team, a.answerId());
        given().auth().oauth2(Api.token(Answers.team(), "admin")).when().get("/api/evaluations/{id}", a.answerId())
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void graderInfoSaysWhichGraderRuns() {
        given().auth().oauth2(Api.token("t1", "admin")).when().get("/api/grader")
                .then().statusCode(200)
                .body("mode", equalTo("llm"))
                .body("model", equalTo("test-model"))
                .body("promptVersion", equalTo("grader-prompt-v2"))
                .body("maxInFlight", equalTo(32)).body("samples", equalTo(1))
                .body("secondOpinion", nullValue());
    }

    @Test
    void usageTotalsTheTeamsTokensAndCost() {
        String team = Answers.team();
        AnswerSubmitted a = Answers.publish(Answers.answer(team, Answers.QUESTION, "Chunks are embedded into an index."));
        AnswerSubmitted b = Answers.publish(Answers.answer(team, Answers.QUESTION, "The nearest chunks are retrieved."));
        Api.awaitEvaluation(team, a.answerId());
        Api.awaitEvaluation(team, b.answerId());

        JsonPath usage = given().auth().oauth2(Api.token(team, "interviewer")).when().get("/api/usage")
                .then().statusCode(200).extract().jsonPath();
        assertThat(usage.getString("team")).isEqualTo(team);
        assertThat(usage.getLong("evaluations")).isEqualTo(2);
        assertThat(usage.getLong("totalTokens")).isEqualTo(2400);
        assertThat(usage.getDouble("costUsd")).isEqualTo(0.0028);
        assertThat(usage.getList("byModel.model")).containsExactly("test-model");
    }

    @Test
    void regradeKeepsTheOldEvaluationAndLinksTheNewOne() {
        String team = Answers.team();
        AnswerSubmitted a = Answers.publish(Answers.answer(team, Answers.QUESTION, "Chunks are embedded into an index."));
        String first = Api.awaitEvaluation(team, a.answerId()).getString("latest.id");

        given().auth().oauth2(Api.token(team, "admin")).contentType("application/json")
                .body("{\"answerIds\":[\"" + a.answerId() + "\"]}")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(202).body("accepted", equalTo(1)).body("answerIds", hasItem(a.answerId().toString()));

        String token = Api.token(team, "interviewer");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(token)
                .get("/api/evaluations/{id}", a.answerId()).jsonPath().getList("history").size() == 2);
        JsonPath ev = given().auth().oauth2(token).get("/api/evaluations/{id}", a.answerId()).jsonPath();
        assertThat(ev.getString("latest.regradeOf")).isEqualTo(first);
        assertThat(ev.getString("history[1].id")).isEqualTo(first);
        assertThat(ev.getString("history[1].supersededBy")).isEqualTo(ev.getString("latest.id"));
        assertThat(FakeUpstreams.calls(a.answerId().toString())).hasSize(2);
    }

    @Test
    void regradeByQuestionCoversTheTeamsAnswers() {
        String team = Answers.team();
        AnswerSubmitted a = Answers.publish(Answers.answer(team, Answers.QUESTION, "Chunks are embedded into an index."));
        Api.awaitEvaluation(team, a.answerId());
        given().auth().oauth2(Api.token(team, "admin")).contentType("application/json")
                .body("{\"questionId\":\"" + Answers.QUESTION + "\"}")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(202).body("accepted", equalTo(1));
        given().auth().oauth2(Api.token(team, "admin")).contentType("application/json")
                .body("{\"questionId\":\"never-answered\"}")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void badRegradeRequestsGetProblemDetails() {
        String admin = Api.token("t1", "admin");
        given().auth().oauth2(admin).contentType("application/json").body("{\"questionId\": ")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400)).body("detail", notNullValue());
        given().auth().oauth2(admin).contentType("application/json").body("{\"answerIds\": [\"nope\"]}")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("answerIds[0]"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"answerIds\": 5}")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(admin).contentType("application/json").body("{}")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("questionId"));
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"questionId\":\"q\",\"answerIds\":[\"" + UUID.randomUUID() + "\"]}")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(422).contentType(PROBLEM);
        given().auth().oauth2(admin).contentType("application/json").body("{\"questionId\":\"Not A Slug\"}")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", hasItem("questionId"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"answerIds\":[]}")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(422).contentType(PROBLEM);
        given().auth().oauth2(admin).contentType("text/plain").body("questionId=x")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(415).contentType(PROBLEM);
        given().auth().oauth2(admin).contentType("application/json").body("{\"questionId\":\"" + "a".repeat(70_000) + "\"}")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(413);
        given().auth().oauth2(admin).contentType("application/json").body("{\"answerIds\":[\"" + UUID.randomUUID() + "\"]}")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(admin).contentType("application/json")
                .when().post("/api/evaluations/regrade")
                .then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void healthMetricsAndOpenApiAreExposed() {
        String team = Answers.team();
        AnswerSubmitted a = Answers.publish(Answers.answer(team, Answers.QUESTION, "Chunks are embedded into an index."));
        Api.awaitEvaluation(team, a.answerId());
        given().when().get("/q/health/live").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("viva_gradings_total{grader=\"llm\",status=\"GRADED\"}", "viva_llm_latency_seconds",
                "viva_llm_tokens_total", "viva_grading_duration_seconds");
        assertThat(List.of(given().when().get("/q/openapi").statusCode())).containsExactly(200);
    }
}
