package dev.viva.question;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class RubricVersioningTest {

    @Test
    void createdQuestionHasVersionOneWithDefaultCriteriaAndALocation() {
        String team = Fixtures.unique("team");
        String id = Fixtures.unique("v1");
        given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON)
                .body(Fixtures.question(id, "training", "MID", "lora"))
                .when().post("/api/questions")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/questions/" + id))
                .body("version", equalTo(1));
        JsonPath rubric = rubric(team, id, null);
        assertThat(rubric.getString("questionId")).isEqualTo(id);
        assertThat(rubric.getInt("version")).isEqualTo(1);
        assertThat(rubric.getList("criteria.id", String.class)).containsExactly("accuracy", "completeness", "clarity", "depth");
        assertThat(rubric.getList("criteria[0].levels.descriptor", String.class)).hasSize(4).doesNotContainNull();
        assertThat(rubric.getList("keyPoints.terms", List.class)).allSatisfy(t -> assertThat(t).isNotEmpty());
        assertThat(rubric.getString("createdAt")).isNotBlank();
    }

    @Test
    void changedRubricMakesVersionTwoAndVersionOneStaysAsItWas() {
        String team = Fixtures.unique("team");
        String id = Fixtures.unique("v2");
        Map<String, Object> q = Fixtures.question(id, "rag", "MID", "rag");
        QuestionApi.create(team, q);
        String v1 = given().header("Authorization", Fixtures.interviewer(team))
                .when().get("/api/questions/" + id + "/rubric?version=1").then().statusCode(200).extract().asString();

        q.put("referenceAnswer", "A sharper reference answer.");
        Fixtures.keyPoint(q, 2).put("weight", 5);
        given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON).body(q)
                .when().put("/api/questions/" + id)
                .then().statusCode(200).body("version", equalTo(2));

        assertThat(rubric(team, id, null).getInt("version")).isEqualTo(2);
        assertThat(rubric(team, id, null).getString("referenceAnswer")).isEqualTo("A sharper reference answer.");
        String v1Again = given().header("Authorization", Fixtures.service(team))
                .when().get("/api/questions/" + id + "/rubric?version=1").then().statusCode(200).extract().asString();
        assertThat(v1Again).isEqualTo(v1);
        assertThat(JsonPath.from(v1Again).getInt("keyPoints[2].weight")).isEqualTo(3);
        given().header("Authorization", Fixtures.candidate(team)).when().get("/api/questions/" + id)
                .then().statusCode(200).body("rubricVersion", equalTo(2));

        List<Map<String, Object>> versions = versions(team, id);
        assertThat(versions).extracting(v -> v.get("version")).containsExactly(1, 2);
        assertThat(versions).extracting(v -> v.get("current")).containsExactly(false, true);
        assertThat(versions.get(0).get("hash")).isNotEqualTo(versions.get(1).get("hash"));
    }

    @Test
    void unchangedUpdateMakesNoVersionAndTagsAloneMakeNone() {
        String team = Fixtures.unique("team");
        String id = Fixtures.unique("same");
        Map<String, Object> q = Fixtures.question(id, "serving", "SENIOR", "batching");
        QuestionApi.create(team, q);
        given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON).body(q)
                .when().put("/api/questions/" + id).then().statusCode(200).body("version", equalTo(1));

        q.put("tags", List.of("batching", "latency"));
        q.remove("id");
        given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON).body(q)
                .when().put("/api/questions/" + id).then().statusCode(200).body("version", equalTo(1));
        assertThat(versions(team, id)).hasSize(1);
        given().header("Authorization", Fixtures.candidate(team)).when().get("/api/questions/" + id)
                .then().statusCode(200).body("tags", equalTo(List.of("batching", "latency")));
    }

    @Test
    void retiredQuestionLeavesListsAndDrawsButItsRubricsStayReadable() {
        String team = Fixtures.unique("team");
        String tag = Fixtures.unique("tag");
        String id = Fixtures.unique("retire");
        QuestionApi.create(team, Fixtures.question(id, "foundations", "SENIOR", tag));
        String keep = Fixtures.unique("keep");
        QuestionApi.create(team, Fixtures.question(keep, "foundations", "SENIOR", tag));

        given().header("Authorization", Fixtures.admin(team)).when().post("/api/questions/" + id + "/retire")
                .then().statusCode(200).body("status", equalTo("RETIRED"));
        given().header("Authorization", Fixtures.admin(team)).when().post("/api/questions/" + id + "/retire")
                .then().statusCode(200).body("status", equalTo("RETIRED"));

        assertThat(QuestionListTest.ids(QuestionListTest.list(team, "tag=" + tag))).containsExactly(keep);
        JsonPath retired = given().header("Authorization", Fixtures.admin(team))
                .when().get("/api/questions?status=RETIRED&tag=" + tag).then().statusCode(200).extract().jsonPath();
        assertThat(retired.getList("items.id", String.class)).containsExactly(id);
        JsonPath all = given().header("Authorization", Fixtures.admin(team))
                .when().get("/api/questions?includeRetired=true&tag=" + tag).then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("items.id", String.class)).containsExactlyInAnyOrder(id, keep);

        int pool = QuestionListTest.list(team, "category=foundations&difficulty=SENIOR&size=1").getInt("total");
        JsonPath drawn = DrawTest.draw(team, Map.of("count", pool, "categories", List.of("foundations"), "difficulty", "SENIOR"), 200);
        assertThat(DrawTest.ids(drawn)).contains(keep).doesNotContain(id);

        assertThat(rubric(team, id, 1).getString("questionId")).isEqualTo(id);
        given().header("Authorization", Fixtures.candidate(team)).when().get("/api/questions/" + id)
                .then().statusCode(200).body("status", equalTo("RETIRED"));
    }

    @Test
    void sharedBankQuestionsAreNotEditableThroughTheApi() {
        String team = Fixtures.unique("team");
        String shared = given().header("Authorization", Fixtures.candidate(team))
                .when().get("/api/questions?size=1").then().statusCode(200).extract().path("items[0].id");
        org.junit.jupiter.api.Assumptions.assumeTrue(shared != null, "the shared bank is empty");
        given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON)
                .body(Fixtures.question(shared, "rag", "MID"))
                .when().put("/api/questions/" + shared)
                .then().statusCode(403).contentType("application/problem+json");
    }

    static JsonPath rubric(String team, String id, Integer version) {
        return given().header("Authorization", Fixtures.interviewer(team))
                .when().get("/api/questions/" + id + "/rubric" + (version == null ? "" : "?version=" + version))
                .then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> versions(String team, String id) {
        return given().header("Authorization", Fixtures.interviewer(team))
                .when().get("/api/questions/" + id + "/rubric/versions")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }
}
