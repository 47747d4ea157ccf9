package dev.viva.question;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class ValidationTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void eachBrokenRuleIsA422NamingTheField() {
        rejects("id", q -> q.put("id", "Not A Slug"));
        rejects("id", q -> q.remove("id"));
        rejects("category", q -> q.put("category", "cooking"));
        rejects("difficulty", q -> q.put("difficulty", "EXPERT"));
        rejects("prompt", q -> q.put("prompt", "  "));
        rejects("referenceAnswer", q -> q.remove("referenceAnswer"));
        rejects("tags[1]", q -> q.put("tags", List.of("rag", "Bad Tag")));
        rejects("keyPoints", q -> q.put("keyPoints", List.of()));
        rejects("keyPoints[2].weight", q -> Fixtures.keyPoint(q, 2).put("weight", 6));
        rejects("keyPoints[0].weight", q -> Fixtures.keyPoint(q, 0).put("weight", 0));
        rejects("keyPoints[3].weight", q -> Fixtures.keyPoint(q, 3).remove("weight"));
        rejects("keyPoints", q -> Fixtures.keyPoint(q, 0).put("required", false));
        rejects("keyPoints[1].terms", q -> Fixtures.keyPoint(q, 1).put("terms", List.of()));
        rejects("keyPoints[1].id", q -> Fixtures.keyPoint(q, 1).put("id", "point-1"));
        rejects("redFlags[0].text", q -> q.put("redFlags", List.of(Map.of("id", "x", "text", " ", "penalty", 5))));
        rejects("redFlags[0].penalty", q -> q.put("redFlags", List.of(Map.of("id", "x", "text", "Wrong.", "penalty", 99))));
        rejects("followUps[1]", q -> q.put("followUps", List.of("Only one?", "")));
        rejects("criteria", q -> q.put("criteria", List.of()));
        rejects("criteria[0].levels[1].level", q -> q.put("criteria", List.of(Map.of("id", "accuracy", "name", "Accuracy",
                "weight", 3, "levels", List.of(level(0), level(2))))));
        rejects("criteria[0].levels", q -> q.put("criteria", List.of(Map.of("id", "accuracy", "name", "Accuracy",
                "weight", 3, "levels", List.of(level(0))))));
    }

    @Test
    void aQuestionWithItsOwnCriteriaIsAccepted() {
        String team = Fixtures.unique("team");
        Map<String, Object> q = Fixtures.question(Fixtures.unique("own-criteria"), "rag", "MID");
        q.put("criteria", List.of(Map.of("id", "accuracy", "name", "Accuracy", "weight", 3,
                "levels", List.of(level(0), level(1)))));
        given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON).body(q)
                .when().post("/api/questions")
                .then().statusCode(201)
                .body("criteria[0].levels.level", equalTo(List.of(0, 1)));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, Object> q = Fixtures.question("Bad Id", "cooking", "MID");
        q.remove("prompt");
        given().header("Authorization", Fixtures.admin(Fixtures.unique("team"))).contentType(ContentType.JSON).body(q)
                .when().post("/api/questions")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("id", "category", "prompt")));
    }

    @Test
    void malformedJsonWrongTypesAndEmptyBodiesAre400() {
        String admin = Fixtures.admin(Fixtures.unique("team"));
        given().header("Authorization", admin).contentType(ContentType.JSON).body("{\"id\": \"x\",")
                .when().post("/api/questions")
                .then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));

        Map<String, Object> q = Fixtures.question(Fixtures.unique("typed"), "rag", "MID");
        Fixtures.keyPoint(q, 0).put("weight", "heavy");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(q)
                .when().post("/api/questions")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("keyPoints[0].weight"));

        given().header("Authorization", admin).contentType(ContentType.JSON).body("[1, 2]")
                .when().post("/api/questions")
                .then().statusCode(400).contentType(PROBLEM);

        // no body at all reads, but a question is required
        given().header("Authorization", admin).contentType(ContentType.JSON).body("")
                .when().post("/api/questions")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("body"));

        given().header("Authorization", Fixtures.candidate("any")).contentType(ContentType.JSON).body("{\"count\": \"many\"}")
                .when().post("/api/questions/draw")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("count"));
    }

    @Test
    void wrongMediaTypeIs415AndOversizedBodyIs413() {
        String admin = Fixtures.admin(Fixtures.unique("team"));
        given().header("Authorization", admin).contentType(ContentType.TEXT).body("id: x")
                .when().post("/api/questions")
                .then().statusCode(415).contentType(PROBLEM);
        given().header("Authorization", admin).contentType("application/xml").body("<questions/>")
                .when().post("/api/bank/import")
                .then().statusCode(415).contentType(PROBLEM);

        Map<String, Object> huge = Fixtures.question(Fixtures.unique("huge"), "rag", "MID");
        huge.put("prompt", "x".repeat(1_100_000));
        given().header("Authorization", admin).contentType(ContentType.JSON).body(huge)
                .when().post("/api/questions")
                .then().statusCode(413);
    }

    @Test
    void duplicateIdIs409AndUnknownIdIs404() {
        String team = Fixtures.unique("team");
        String id = Fixtures.unique("dup");
        QuestionApi.create(team, Fixtures.question(id, "rag", "MID"));
        given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON).body(Fixtures.question(id, "rag", "MID"))
                .when().post("/api/questions")
                .then().statusCode(409).contentType(PROBLEM).body("detail", org.hamcrest.Matchers.containsString(id));
        // ids are per team: another team's question of the same id is no obstacle (TeamScopedIdsTest)
        given().header("Authorization", Fixtures.admin(Fixtures.unique("team"))).contentType(ContentType.JSON)
                .body(Fixtures.question(id, "rag", "MID"))
                .when().post("/api/questions")
                .then().statusCode(201);
        given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON)
                .body(Fixtures.question("no-such-question", "rag", "MID"))
                .when().put("/api/questions/no-such-question")
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON)
                .body(Fixtures.question("another-id", "rag", "MID"))
                .when().put("/api/questions/" + id)
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("id"));
        given().header("Authorization", Fixtures.interviewer(team))
                .when().get("/api/questions/" + id + "/rubric?version=9")
                .then().statusCode(404).contentType(PROBLEM);
        given().header("Authorization", Fixtures.interviewer(team))
                .when().get("/api/questions/" + id + "/rubric?version=two")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("version"));
    }

    @Test
    void badListParametersAre422() {
        String candidate = Fixtures.candidate("any");
        listRejects(candidate, "page=-1", "page");
        listRejects(candidate, "size=0", "size");
        listRejects(candidate, "size=1000", "size");
        listRejects(candidate, "difficulty=HARD", "difficulty");
        listRejects(candidate, "category=cooking", "category");
        listRejects(candidate, "status=GONE", "status");
        given().header("Authorization", candidate).when().get("/api/questions?status=RETIRED")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void adminsWithoutATeamCannotCreate() {
        // an empty team claim is no team: the token itself is refused
        given().header("Authorization", Fixtures.admin("")).contentType(ContentType.JSON)
                .body(Fixtures.question(Fixtures.unique("teamless"), "rag", "MID"))
                .when().post("/api/questions")
                .then().statusCode(401).contentType(PROBLEM);
    }

    private static void listRejects(String bearer, String query, String field) {
        given().header("Authorization", bearer).when().get("/api/questions?" + query)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", hasItem(field));
    }

    private static void rejects(String field, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> q = Fixtures.question(Fixtures.unique("invalid"), "rag", "MID", "rag");
        breakIt.accept(q);
        given().header("Authorization", Fixtures.admin(Fixtures.unique("team"))).contentType(ContentType.JSON).body(q)
                .when().post("/api/questions")
                .then().statusCode(422)
                .contentType(PROBLEM)
                .body("status", equalTo(422))
                .body("title", equalTo("Unprocessable Content"))
                .body("errors.field", hasItem(field));
    }

    private static Map<String, Object> level(int n) {
        return Map.of("level", n, "label", "Level " + n, "descriptor", "What level " + n + " looks like.");
    }
}
