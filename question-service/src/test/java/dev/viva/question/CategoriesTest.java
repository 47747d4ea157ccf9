package dev.viva.question;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class CategoriesTest {

    @Test
    void countsEveryCategoryIncludingTheTeamsOwnQuestions() {
        String team = Fixtures.unique("team");
        List<Map<String, Object>> before = given().header("Authorization", Fixtures.candidate(team))
                .when().get("/api/categories")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(before).extracting(c -> c.get("category")).containsExactly("foundations", "transformers",
                "generative-models", "training", "rag", "prompting", "evaluation", "serving", "multimodal", "safety",
                "platforms");

        QuestionApi.create(team, Fixtures.question(Fixtures.unique("cat-q"), "safety", "MID"));
        QuestionApi.create(team, Fixtures.question(Fixtures.unique("cat-q"), "safety", "SENIOR"));

        List<Map<String, Object>> after = given().header("Authorization", Fixtures.candidate(team))
                .when().get("/api/categories")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(count(after, "safety")).isEqualTo(count(before, "safety") + 2);
        assertThat(count(after, "rag")).isEqualTo(count(before, "rag"));

        List<Map<String, Object>> otherTeam = given().header("Authorization", Fixtures.candidate(Fixtures.unique("team")))
                .when().get("/api/categories")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(count(otherTeam, "safety")).isEqualTo(count(before, "safety"));
    }

    private static int count(List<Map<String, Object>> counts, String category) {
        return counts.stream().filter(c -> category.equals(c.get("category")))
                .map(c -> ((Number) c.get("count")).intValue()).findFirst().orElseThrow();
    }
}
