package dev.viva.question;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class SecurityTest {

    private String team;
    private String id;

    @BeforeEach
    void createQuestion() {
        team = Fixtures.unique("team");
        id = Fixtures.unique("sec");
        QuestionApi.create(team, Fixtures.question(id, "safety", "MID", "toxicity"));
    }

    @Test
    void everyApiCallNeedsAToken() {
        given().when().get("/api/questions").then().statusCode(401);
        given().when().get("/api/questions/" + id).then().statusCode(401);
        given().when().get("/api/categories").then().statusCode(401);
        given().when().get("/api/questions/" + id + "/rubric").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("count", 1)).when().post("/api/questions/draw").then().statusCode(401);
        given().when().get("/api/bank/export").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token").when().get("/api/questions").then().statusCode(401)
                .contentType("application/problem+json").body("status", org.hamcrest.Matchers.is(401));
        given().when().get("/api/categories").then().contentType("application/problem+json");
        String foreign = Fixtures.candidate(team).replace("Bearer ", "");
        given().header("Authorization", "Bearer " + foreign.substring(0, foreign.length() - 4) + "AAAA")
                .when().get("/api/questions").then().statusCode(401);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200).body("checks.name", org.hamcrest.Matchers.hasItem(
                org.hamcrest.Matchers.containsString("Database")));
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void candidatesReadQuestionsAndDrawButNeverRubricsOrAdminCalls() {
        String candidate = Fixtures.candidate(team);
        as(candidate).when().get("/api/questions").then().statusCode(200);
        as(candidate).when().get("/api/questions/" + id).then().statusCode(200);
        as(candidate).when().get("/api/categories").then().statusCode(200);
        as(candidate).contentType(ContentType.JSON).body(Map.of("count", 1)).when().post("/api/questions/draw").then().statusCode(200);

        as(candidate).when().get("/api/questions/" + id + "/rubric").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        as(candidate).when().get("/api/questions/" + id + "/rubric?version=1").then().statusCode(403);
        as(candidate).when().get("/api/questions/" + id + "/rubric/versions").then().statusCode(403);
        as(candidate).contentType(ContentType.JSON).body(Fixtures.question(Fixtures.unique("x"), "rag", "MID"))
                .when().post("/api/questions").then().statusCode(403);
        as(candidate).contentType(ContentType.JSON).body(Fixtures.question(id, "rag", "MID"))
                .when().put("/api/questions/" + id).then().statusCode(403);
        as(candidate).when().post("/api/questions/" + id + "/retire").then().statusCode(403);
        as(candidate).when().get("/api/bank/export").then().statusCode(403);
        as(candidate).contentType(ContentType.JSON).body("{\"questions\":[]}").when().post("/api/bank/import").then().statusCode(403);
    }

    @Test
    void interviewersReadRubricsButDoNotAdminister() {
        String interviewer = Fixtures.interviewer(team);
        as(interviewer).when().get("/api/questions/" + id + "/rubric").then().statusCode(200).body("questionId", equalTo(id));
        as(interviewer).when().get("/api/questions/" + id + "/rubric/versions").then().statusCode(200);
        as(interviewer).when().post("/api/questions/" + id + "/retire").then().statusCode(403);
        as(interviewer).when().get("/api/bank/export").then().statusCode(403);
    }

    @Test
    void servicesReadRubricsAndDraw() {
        String service = Fixtures.service(team);
        as(service).when().get("/api/questions/" + id + "/rubric?version=1").then().statusCode(200).body("version", equalTo(1));
        as(service).contentType(ContentType.JSON).body(Map.of("count", 1)).when().post("/api/questions/draw").then().statusCode(200);
        as(service).when().get("/api/questions/" + id + "/rubric/versions").then().statusCode(403);
        as(service).contentType(ContentType.JSON).body(Fixtures.question(Fixtures.unique("x"), "rag", "MID"))
                .when().post("/api/questions").then().statusCode(403);
    }

    @Test
    void adminsDoEverythingForTheirTeamOnly() {
        String admin = Fixtures.admin(team);
        as(admin).when().get("/api/questions/" + id + "/rubric").then().statusCode(200);
        as(admin).when().get("/api/bank/export").then().statusCode(200);
        as(Fixtures.admin(Fixtures.unique("team"))).when().post("/api/questions/" + id + "/retire").then().statusCode(404);
        as(Fixtures.admin(Fixtures.unique("team"))).contentType(ContentType.JSON).body(Fixtures.question(id, "rag", "MID"))
                .when().put("/api/questions/" + id).then().statusCode(404);
        as(admin).when().post("/api/questions/" + id + "/retire").then().statusCode(200).body("status", equalTo("RETIRED"));
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer);
    }

    @Test
    void onlyADeploymentOperatorMayRetireASharedQuestion() {
        String team = Fixtures.unique("team");
        String shared = given().header("Authorization", Fixtures.candidate(team)).when().get("/api/questions?size=1")
                .then().statusCode(200).body("items[0].shared", equalTo(true)).extract().path("items[0].id");
        given().header("Authorization", Fixtures.admin(team)).when().post("/api/questions/" + shared + "/retire")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("operator"));
        given().header("Authorization", Fixtures.candidate(team)).when().get("/api/questions/" + shared)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
    }
}
