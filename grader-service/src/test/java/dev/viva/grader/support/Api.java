package dev.viva.grader.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import dev.viva.local.DevTokens;
import io.restassured.path.json.JsonPath;

/** Calls to the grader's REST API with development tokens. */
public final class Api {

    private Api() {
    }

    public static String token(String team, String... roles) {
        return DevTokens.mint("user-" + team, team, roles);
    }

    /** Waits until the answer has an evaluation and returns GET /api/evaluations/{answerId}. */
    public static JsonPath awaitEvaluation(String team, UUID answerId) {
        String token = token(team, "interviewer");
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).until(() -> given()
                .auth().oauth2(token).when().get("/api/evaluations/{id}", answerId).statusCode() == 200);
        return given().auth().oauth2(token).when().get("/api/evaluations/{id}", answerId)
                .then().statusCode(200).extract().jsonPath();
    }
}
