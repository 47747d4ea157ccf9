package dev.viva.grader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

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

/**
 * A regrade says what it will do and cost before it runs, and a team's regrades are limited per window
 * (4 answers per 24 h in tests): beyond it a regrade is a 429 with Retry-After and nothing is re-graded.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class RegradeLimitTest {

    @Test
    void thePreviewCountsAndPricesTheAnswersAndTheLimitRefusesWhatWouldPassIt() {
        String team = Answers.team();
        AnswerSubmitted a = Answers.publish(Answers.answer(team, Answers.QUESTION, "Chunks are embedded into an index."));
        AnswerSubmitted b = Answers.publish(Answers.answer(team, Answers.QUESTION, "The nearest chunks are retrieved."));
        AnswerSubmitted c = Answers.publish(Answers.answer(team, Answers.QUESTION, "Answers cite their sources."));
        for (AnswerSubmitted answer : List.of(a, b, c)) {
            Api.awaitEvaluation(team, answer.answerId());
        }
        String admin = Api.token(team, "admin");
        String byQuestion = "{\"questionId\":\"" + Answers.QUESTION + "\"}";

        JsonPath preview = given().auth().oauth2(admin).contentType("application/json").body(byQuestion)
                .when().post("/api/evaluations/regrade/preview").then().statusCode(200).extract().jsonPath();
        assertThat(preview.getInt("answers")).isEqualTo(3);
        assertThat(preview.getLong("estimatedTokens")).isEqualTo(3 * 1200);
        assertThat(preview.getDouble("estimatedCostUsd")).isEqualTo(0.0042);
        assertThat(preview.getInt("remainingInWindow")).isEqualTo(4);
        System.out.printf("regrade preview: %d answers, %d tokens, %s USD, %d of 4 left%n", preview.getInt("answers"),
                preview.getLong("estimatedTokens"), preview.getString("estimatedCostUsd"), preview.getInt("remainingInWindow"));
        // a preview queues nothing
        assertThat(Api.awaitEvaluation(team, a.answerId()).getList("history")).hasSize(1);

        given().auth().oauth2(admin).contentType("application/json").body(byQuestion)
                .when().post("/api/evaluations/regrade").then().statusCode(202).body("accepted", equalTo(3));
        given().auth().oauth2(admin).contentType("application/json").body(byQuestion)
                .when().post("/api/evaluations/regrade/preview").then().statusCode(200).body("remainingInWindow", equalTo(1));

        String retryAfter = given().auth().oauth2(admin).contentType("application/json").body(byQuestion)
                .when().post("/api/evaluations/regrade").then().statusCode(429)
                .contentType("application/problem+json").body("detail", containsString("limit of 4"))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(Duration.ofHours(23).toSeconds(), Duration.ofHours(24).toSeconds() + 1);

        // one more answer still fits; another team has its own allowance
        given().auth().oauth2(admin).contentType("application/json").body("{\"answerIds\":[\"" + a.answerId() + "\"]}")
                .when().post("/api/evaluations/regrade").then().statusCode(202);
        given().auth().oauth2(Api.token(Answers.team(), "admin")).contentType("application/json").body(byQuestion)
                .when().post("/api/evaluations/regrade/preview").then().statusCode(404);
        given().auth().oauth2(Api.token(team, "interviewer")).contentType("application/json").body(byQuestion)
                .when().post("/api/evaluations/regrade/preview").then().statusCode(403).body("detail", containsString("admin"));
    }
}
