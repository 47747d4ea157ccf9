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
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class QuestionListTest {

    private static final List<String> RUBRIC_FIELDS = List.of("referenceAnswer", "keyPoints", "criteria", "redFlags",
            "followUps");

    @Test
    void filtersByTagCategoryDifficultyAndText() {
        String team = Fixtures.unique("team");
        String tag = Fixtures.unique("tag");
        String a = Fixtures.unique("list-a");
        String b = Fixtures.unique("list-b");
        String c = Fixtures.unique("list-c");
        QuestionApi.create(team, Fixtures.question(a, "rag", "JUNIOR", tag, "rag"));
        QuestionApi.create(team, Fixtures.question(b, "rag", "SENIOR", tag));
        QuestionApi.create(team, Fixtures.question(c, "serving", "SENIOR", tag, "caching"));

        assertThat(ids(list(team, "tag=" + tag))).containsExactly(a, b, c);
        assertThat(ids(list(team, "tag=" + tag + "&category=rag"))).containsExactly(a, b);
        assertThat(ids(list(team, "tag=" + tag + "&difficulty=SENIOR"))).containsExactly(b, c);
        assertThat(ids(list(team, "tag=" + tag + "&category=rag&difficulty=SENIOR"))).containsExactly(b);
        assertThat(ids(list(team, "q=" + c.toUpperCase()))).containsExactly(c);
        assertThat(list(team, "category=serving&difficulty=SENIOR").getList("items.category", String.class))
                .isNotEmpty().containsOnly("serving");
    }

    @Test
    void pagesThroughResultsInIdOrder() {
        String team = Fixtures.unique("team");
        String tag = Fixtures.unique("tag");
        for (int i = 0; i < 5; i++) {
            QuestionApi.create(team, Fixtures.question("page-" + tag + "-" + i, "training", "MID", tag));
        }
        JsonPath first = list(team, "tag=" + tag + "&size=2&page=0");
        assertThat(first.getInt("total")).isEqualTo(5);
        assertThat(first.getInt("page")).isZero();
        assertThat(first.getInt("size")).isEqualTo(2);
        assertThat(ids(first)).containsExactly("page-" + tag + "-0", "page-" + tag + "-1");
        assertThat(ids(list(team, "tag=" + tag + "&size=2&page=2"))).containsExactly("page-" + tag + "-4");
        assertThat(ids(list(team, "tag=" + tag + "&size=2&page=3"))).isEmpty();
    }

    @Test
    void candidateViewCarriesNoRubricField() {
        String team = Fixtures.unique("team");
        String id = Fixtures.unique("safe");
        QuestionApi.create(team, Fixtures.question(id, "prompting", "MID", "zero-shot"));

        Map<String, Object> one = given().header("Authorization", Fixtures.candidate(team))
                .when().get("/api/questions/" + id)
                .then().statusCode(200).extract().jsonPath().getMap("$");
        assertThat(one).containsKeys("id", "prompt", "category", "difficulty", "tags", "status");
        assertThat(one).doesNotContainKeys(RUBRIC_FIELDS.toArray(String[]::new));
        assertThat(one.get("tags")).isEqualTo(List.of("zero-shot"));

        String raw = given().header("Authorization", Fixtures.candidate(team))
                .when().get("/api/questions?size=100")
                .then().statusCode(200).extract().asString();
        for (String field : RUBRIC_FIELDS) {
            assertThat(raw).doesNotContain("\"" + field + "\"");
        }
        List<Map<String, Object>> items = JsonPath.from(raw).getList("items");
        assertThat(items).isNotEmpty().allSatisfy(item -> assertThat(item).doesNotContainKeys(RUBRIC_FIELDS.toArray(String[]::new)));
    }

    @Test
    void teamsSeeOnlyTheSharedBankAndTheirOwnQuestions() {
        String teamA = Fixtures.unique("team");
        String teamB = Fixtures.unique("team");
        String id = Fixtures.unique("private");
        QuestionApi.create(teamA, Fixtures.question(id, "evaluation", "MID", "bleu"));

        given().header("Authorization", Fixtures.candidate(teamA)).when().get("/api/questions/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("shared", equalTo(false));
        given().header("Authorization", Fixtures.candidate(teamB)).when().get("/api/questions/" + id)
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().header("Authorization", Fixtures.interviewer(teamB)).when().get("/api/questions/" + id + "/rubric")
                .then().statusCode(404);
        assertThat(ids(list(teamB, "q=" + id))).isEmpty();
        assertThat(ids(list(teamA, "q=" + id))).containsExactly(id);

        JsonPath shared = list(teamB, "size=100");
        assertThat(shared.getList("items.shared", Boolean.class)).containsOnly(true);
    }

    @Test
    void unknownQuestionIsA404Problem() {
        given().header("Authorization", Fixtures.candidate("any"))
                .when().get("/api/questions/no-such-question")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not Found"))
                .body("detail", equalTo("No question 'no-such-question'"))
                .body("instance", equalTo("/api/questions/no-such-question"));
    }

    static JsonPath list(String team, String query) {
        return given().header("Authorization", Fixtures.candidate(team))
                .when().get("/api/questions?" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    static List<String> ids(JsonPath page) {
        return page.getList("items.id", String.class);
    }
}
