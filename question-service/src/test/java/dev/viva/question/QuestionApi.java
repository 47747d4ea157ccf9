package dev.viva.question;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;

/** Calls tests make often. */
final class QuestionApi {

    private QuestionApi() {
    }

    static void create(String team, Map<String, Object> question) {
        given().header("Authorization", Fixtures.admin(team))
                .contentType(ContentType.JSON)
                .body(question)
                .when().post("/api/questions")
                .then().statusCode(201);
    }
}
