package dev.viva.question;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class DrawTest {

    @Test
    void sameSeedGivesTheSameDraw() {
        String team = Fixtures.unique("team");
        seedTeam(team, "multimodal", 3);
        Map<String, Object> request = Map.of("count", 5, "seed", 424242);
        JsonPath first = draw(team, request, 200);
        JsonPath second = draw(team, request, 200);
        assertThat(first.getLong("seed")).isEqualTo(424242L);
        assertThat(ids(first)).hasSize(5).isEqualTo(ids(second));
        assertThat(first.getList("questions.rubricVersion", Integer.class)).allSatisfy(v -> assertThat(v).isPositive());
    }

    @Test
    void withoutSeedTheResponseGivesOneThatReproducesTheDraw() {
        String team = Fixtures.unique("team");
        seedTeam(team, "platforms", 4);
        JsonPath random = draw(team, Map.of("count", 4), 200);
        long seed = random.getLong("seed");
        JsonPath again = draw(team, Map.of("count", 4, "seed", seed), 200);
        assertThat(ids(again)).isEqualTo(ids(random));
    }

    @Test
    void neverRepeatsAQuestion() {
        String team = Fixtures.unique("team");
        seedTeam(team, "safety", 6);
        int visible = QuestionListTest.list(team, "size=1").getInt("total");
        int count = Math.min(50, visible);
        List<String> ids = ids(draw(team, Map.of("count", count, "seed", 7), 200));
        assertThat(ids).hasSize(count).doesNotHaveDuplicates();
    }

    @Test
    void respectsCategoriesAndDifficulty() {
        String team = Fixtures.unique("team");
        seedTeam(team, "multimodal", 6);
        JsonPath drawn = draw(team, Map.of("count", 2, "categories", List.of("multimodal"), "difficulty", "SENIOR", "seed", 1), 200);
        assertThat(drawn.getList("questions.category", String.class)).containsOnly("multimodal");
        assertThat(drawn.getList("questions.difficulty", String.class)).containsOnly("SENIOR");
    }

    @Test
    void spreadsEvenlyAcrossTheRequestedCategories() {
        String team = Fixtures.unique("team");
        seedTeam(team, "rag", 3);
        seedTeam(team, "serving", 3);
        seedTeam(team, "prompting", 3);
        for (long seed = 1; seed <= 5; seed++) {
            JsonPath drawn = draw(team, Map.of("count", 6, "categories", List.of("rag", "serving", "prompting"),
                    "seed", seed), 200);
            Map<String, Long> perCategory = drawn.getList("questions.category", String.class).stream()
                    .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
            assertThat(perCategory).containsOnlyKeys("rag", "serving", "prompting");
            assertThat(perCategory.values()).containsOnly(2L);
        }
        JsonPath seven = draw(team, Map.of("count", 7, "categories", List.of("rag", "serving", "prompting"), "seed", 3), 200);
        Map<String, Long> perCategory = seven.getList("questions.category", String.class).stream()
                .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        assertThat(perCategory.values()).containsExactlyInAnyOrder(2L, 2L, 3L);
    }

    @Test
    void excludesIdsAndRefusesWhenTooFewRemain() {
        String team = Fixtures.unique("team");
        List<String> mine = seedTeam(team, "generative-models", 2);
        // JUNIOR is the difficulty of every seeded question, so the pool is the shared bank's plus ours.
        int pool = QuestionListTest.list(team, "category=generative-models&difficulty=JUNIOR&size=1").getInt("total");
        assertThat(pool).isLessThan(50);
        Map<String, Object> all = new HashMap<>(Map.of("count", pool - 1, "categories", List.of("generative-models"),
                "difficulty", "JUNIOR", "excludeIds", List.of(mine.get(0)), "seed", 5));
        List<String> drawn = ids(draw(team, all, 200));
        assertThat(drawn).hasSize(pool - 1).doesNotContain(mine.get(0)).contains(mine.get(1));

        all.put("count", pool);
        given().header("Authorization", Fixtures.candidate(team)).contentType(ContentType.JSON).body(all)
                .when().post("/api/questions/draw")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("count"));
    }

    @Test
    void unknownCategoryIsA422NamingIt() {
        given().header("Authorization", Fixtures.candidate("any")).contentType(ContentType.JSON)
                .body(Map.of("count", 2, "categories", List.of("rag", "cooking")))
                .when().post("/api/questions/draw")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("categories[1]"));
    }

    @Test
    void countOutOfRangeOrMissingIsA422() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("count", 0), Map.of("count", 51), Map.of("seed", 3))) {
            given().header("Authorization", Fixtures.candidate("any")).contentType(ContentType.JSON).body(body)
                    .when().post("/api/questions/draw")
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("count"));
        }
    }

    /** Creates {@code n} questions of the team in a category: difficulties JUNIOR for 2, then MID and SENIOR. */
    static List<String> seedTeam(String team, String category, int n) {
        List<String> ids = new java.util.ArrayList<>();
        String[] difficulties = { "JUNIOR", "JUNIOR", "SENIOR", "MID", "SENIOR", "MID" };
        for (int i = 0; i < n; i++) {
            String id = Fixtures.unique("draw-" + category);
            QuestionApi.create(team, Fixtures.question(id, category, difficulties[i % difficulties.length]));
            ids.add(id);
        }
        return ids;
    }

    static JsonPath draw(String team, Map<String, Object> body, int status) {
        return given().header("Authorization", Fixtures.service(team)).contentType(ContentType.JSON).body(body)
                .when().post("/api/questions/draw")
                .then().statusCode(status).extract().jsonPath();
    }

    static List<String> ids(JsonPath draw) {
        return draw.getList("questions.id", String.class);
    }
}
