package dev.viva.grader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.Api;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.local.test.ApiRoutes;
import dev.viva.local.test.MalformedTokens;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A signed token is refused with 401 on every documented route unless its {@code sub} and {@code team} are
 * non-empty strings; the same test runs in each of the three services.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class ClaimsTest {

    @Test
    void everyRouteRefusesATokenWhoseSubOrTeamIsNotANonEmptyString() {
        List<ApiRoutes.Route> routes = ApiRoutes.of("http://localhost:" + RestAssured.port);
        List<String> accepted = new ArrayList<>();
        for (ApiRoutes.Route route : routes) {
            for (Map.Entry<String, String> token : MalformedTokens.all().entrySet()) {
                Response response = request(route, token.getValue());
                // The JWT library itself refuses a token without a usable sub; the team is checked by Viva.
                boolean refused = response.statusCode() == 401
                        && response.contentType().startsWith("application/problem+json")
                        && (!token.getKey().contains("team") || response.jsonPath().getString("detail").contains("team claim"));
                if (!refused) {
                    accepted.add(route + " with " + token.getKey() + ": " + response.statusCode());
                }
            }
        }
        assertThat(accepted).as("malformed tokens not refused with a 401 problem").isEmpty();
        assertThat(routes).hasSizeGreaterThan(2);
    }

    private static Response request(ApiRoutes.Route route, String token) {
        RequestSpecification spec = given().auth().oauth2(token);
        if (route.requestType() != null) {
            spec = spec.contentType(route.requestType()).body("{}");
        }
        return spec.when().request(route.method(), route.path());
    }

    @Test
    void aTeamWrittenWithQuotesIsAnotherTeam() {
        String team = Answers.team();
        AnswerSubmitted answer = Answers.publish(Answers.answer(team,
                Answers.QUESTION, "Chunks are embedded into an index."));
        Api.awaitEvaluation(team, answer.answerId());
        String quoted = MalformedTokens.quotedTeam("mallory", team, "admin");

        given().auth().oauth2(quoted).when().get("/api/evaluations/{id}", answer.answerId()).then().statusCode(404);
        assertThat(given().auth().oauth2(quoted).when().get("/api/usage").then().statusCode(200)
                .extract().jsonPath().getLong("evaluations")).isZero();
        given().auth().oauth2(Api.token(team, "interviewer"))
                .when().get("/api/evaluations/{id}", answer.answerId()).then().statusCode(200);
    }
}
