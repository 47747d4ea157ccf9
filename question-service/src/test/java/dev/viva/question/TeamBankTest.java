package dev.viva.question;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import dev.viva.question.service.BankRules;
import dev.viva.question.service.CriteriaDefaults;
import dev.viva.question.service.QuestionInput;
import dev.viva.question.service.QuestionValidator;
import dev.viva.question.service.ServiceException;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * A team's own bank: its own categories and tags, short rubrics (one key point), draws by bank and tag,
 * and the export of both banks as YAML that round-trips.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class TeamBankTest {

    private static final String YAML = "application/yaml";

    @Inject
    QuestionValidator validator;

    @Inject
    CriteriaDefaults criteria;

    /** A short-answer bank of the kind a team interviewing for another subject keeps: its own category, one key point each. */
    static String shortBank(String category, String stackId, String refId) {
        return """
                categories: [%1$s]
                category: %1$s
                questions:
                  - id: %2$s
                    difficulty: JUNIOR
                    tags: [stack, lifo]
                    prompt: Which two operations define a stack?
                    referenceAnswer: Push and pop.
                    keyPoints:
                      - {id: push-pop, text: Names push and pop., weight: 1, required: true, terms: [push, pop]}
                  - id: %3$s
                    difficulty: JUNIOR
                    tags: [java]
                    prompt: How does Java pass an object to a method?
                    referenceAnswer: >-
                      By value: the value passed is a copy of the reference, so the method can change the object
                      but cannot make the caller's variable point elsewhere.
                    keyPoints:
                      - {id: by-value, text: Passes the reference by value., weight: 2, required: true, terms: [copy of the reference, by value]}
                      - {id: reassign, text: Reassigning the parameter does not affect the caller., weight: 1, terms: [reassign, caller]}
                    redFlags:
                      - {id: by-reference, text: Says Java passes objects by reference., penalty: 10}
                    followUps: ["What about primitives?"]
                """.formatted(category, stackId, refId);
    }

    @Test
    void aTeamDefinesItsOwnCategoryAndOneKeyPointQuestionsNextToTheSharedBank() {
        String team = Fixtures.unique("team");
        String stack = Fixtures.unique("stack-ops");
        String byRef = Fixtures.unique("java-passing");
        importBank(team, YAML, shortBank("data-structures", stack, byRef)).statusCode(200)
                .body("created", equalTo(2));

        JsonPath rubric = RubricVersioningTest.rubric(team, stack, null);
        assertThat(rubric.getString("category")).isEqualTo("data-structures");
        assertThat(rubric.getList("keyPoints.id", String.class)).containsExactly("push-pop");
        assertThat(rubric.getList("redFlags")).isEmpty();
        assertThat(rubric.getList("followUps")).isEmpty();
        assertThat(rubric.getString("referenceAnswer")).isEqualTo("Push and pop.");

        List<Map<String, Object>> categories = categories(team);
        assertThat(categories).filteredOn(c -> "data-structures".equals(c.get("category")))
                .singleElement().satisfies(c -> {
                    assertThat(c.get("shared")).isEqualTo(false);
                    assertThat(((Number) c.get("count")).intValue()).isEqualTo(2);
                });
        assertThat(categories).filteredOn(c -> "rag".equals(c.get("category")))
                .singleElement().satisfies(c -> assertThat(c.get("shared")).isEqualTo(true));
        assertThat(given().header("Authorization", Fixtures.candidate(team))
                .when().get("/api/questions?category=data-structures").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactlyInAnyOrder(stack, byRef);

        // Another team neither sees the category nor may file a question under it.
        String other = Fixtures.unique("team");
        assertThat(categories(other)).extracting(c -> c.get("category")).doesNotContain("data-structures");
        given().header("Authorization", Fixtures.candidate(other)).when().get("/api/questions?category=data-structures")
                .then().statusCode(oneOf(400, 422)).body("errors.field", hasItem("category"));
        given().header("Authorization", Fixtures.admin(other)).contentType(ContentType.JSON)
                .body(Fixtures.question(Fixtures.unique("misfiled"), "data-structures", "MID"))
                .when().post("/api/questions")
                .then().statusCode(oneOf(400, 422)).body("errors.field", hasItem("category"));

        // The team's tags are listed next to the shared ones.
        List<Map<String, Object>> tags = given().header("Authorization", Fixtures.candidate(team)).when().get("/api/tags")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(tags).filteredOn(t -> "lifo".equals(t.get("tag"))).singleElement()
                .satisfies(t -> assertThat(((Number) t.get("teamCount")).intValue()).isEqualTo(1));
        assertThat(tags).extracting(t -> t.get("tag")).contains("rag", "stack", "java");
    }

    @Test
    void anImportsOwnCriteriaGradeItsQuestionsThatBringNone() {
        String team = Fixtures.unique("team");
        String stack = Fixtures.unique("stack-ops");
        String bank = shortBank("data-structures", stack, Fixtures.unique("java-passing")) + """
                criteria:
                  - id: accuracy
                    name: Accuracy
                    weight: 3
                    levels:
                      - {level: 0, label: Wrong, descriptor: Wrong or missing.}
                      - {level: 1, label: Right, descriptor: Correct.}
                  - id: completeness
                    name: Completeness
                    weight: 1
                    levels:
                      - {level: 0, label: Partial, descriptor: Leaves out what the question asks.}
                      - {level: 1, label: Complete, descriptor: Answers all of it.}
                """;
        importBank(team, YAML, bank).statusCode(200).body("created", equalTo(2));
        assertThat(RubricVersioningTest.rubric(team, stack, null).getList("criteria.id", String.class))
                .containsExactly("accuracy", "completeness");
        importBank(team, YAML, bank).statusCode(200).body("unchanged", equalTo(2));
        String exported = given().header("Authorization", Fixtures.admin(team)).accept(YAML).when().get("/api/bank/export")
                .then().statusCode(200).extract().asString();
        importBank(team, YAML, exported).statusCode(200).body("unchanged", equalTo(2));

        importBank(team, YAML, bank.replace("{level: 1, label: Right", "{level: 2, label: Right")).statusCode(oneOf(400, 422))
                .body("errors.field", hasItem("criteria[0].levels[1].level"));
    }

    @Test
    void categoriesAreDefinedAndRemovedThroughTheApi() {
        String team = Fixtures.unique("team");
        given().header("Authorization", Fixtures.admin(team)).when().put("/api/categories/algorithms")
                .then().statusCode(201).body("category", equalTo("algorithms")).body("shared", equalTo(false));
        given().header("Authorization", Fixtures.admin(team)).when().put("/api/categories/algorithms")
                .then().statusCode(200);
        given().header("Authorization", Fixtures.admin(team)).when().put("/api/categories/rag")
                .then().statusCode(200).body("shared", equalTo(true));
        given().header("Authorization", Fixtures.admin(team)).when().put("/api/categories/Not%20A%20Slug")
                .then().statusCode(oneOf(400, 422)).body("errors.field", hasItem("category"));
        given().header("Authorization", Fixtures.candidate(team)).when().put("/api/categories/sneaky")
                .then().statusCode(403);

        String id = Fixtures.unique("sorting");
        QuestionApi.create(team, oneKeyPoint(id, "algorithms"));
        given().header("Authorization", Fixtures.admin(team)).when().delete("/api/categories/algorithms")
                .then().statusCode(409);
        given().header("Authorization", Fixtures.admin(team)).when().delete("/api/categories/rag")
                .then().statusCode(403);
        given().header("Authorization", Fixtures.admin(team)).when().put("/api/categories/unused").then().statusCode(201);
        given().header("Authorization", Fixtures.admin(team)).when().delete("/api/categories/unused").then().statusCode(204);
        assertThat(categories(team)).extracting(c -> c.get("category")).contains("algorithms").doesNotContain("unused");
    }

    @Test
    void aTeamRubricNeedsOnlyOneKeyPointWhileTheShippedBankKeepsItsQualityRules() {
        String team = Fixtures.unique("team");
        String id = Fixtures.unique("one-point");
        given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON).body(oneKeyPoint(id, "foundations"))
                .when().post("/api/questions")
                .then().statusCode(201).body("keyPoints.size()", equalTo(1)).body("keyPoints[0].required", equalTo(true));

        Map<String, Object> none = oneKeyPoint(Fixtures.unique("no-point"), "foundations");
        none.put("keyPoints", List.of());
        given().header("Authorization", Fixtures.admin(team)).contentType(ContentType.JSON).body(none)
                .when().post("/api/questions")
                .then().statusCode(oneOf(400, 422)).body("errors.field", hasItem("keyPoints"));

        // The same short question is refused by the shipped bank's rules, each rule named.
        QuestionInput input = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(oneKeyPoint("short", "foundations"),
                QuestionInput.class);
        BankRules shipped = BankRules.shipped(validator.categories());
        assertThatThrownBy(() -> validator.validate(input, "", criteria.criteria(), shipped))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.errors())
                        .extracting(dev.viva.question.service.FieldError::field)
                        .contains("referenceAnswer", "keyPoints", "redFlags", "followUps"));
        assertThat(validator.validate(input, "", criteria.criteria(), BankRules.team(validator.categories(), List.of()))
                .rubric().keyPoints()).hasSize(1);
    }

    @Test
    void drawsChooseTheBankAndTags() {
        String team = Fixtures.unique("team");
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = Fixtures.unique("own-draw");
            Map<String, Object> q = oneKeyPoint(id, "foundations");
            q.put("tags", new ArrayList<>(List.of(i < 2 ? "stack" : "queue")));
            QuestionApi.create(team, q);
            mine.add(id);
        }
        List<String> teamDraw = DrawTest.ids(DrawTest.draw(team, Map.of("count", 4, "bank", "team", "seed", 11), 200));
        assertThat(teamDraw).containsExactlyInAnyOrderElementsOf(mine);

        List<String> sharedDraw = DrawTest.ids(DrawTest.draw(team, Map.of("count", 20, "bank", "shared", "seed", 11), 200));
        assertThat(sharedDraw).hasSize(20).doesNotContainAnyElementsOf(mine);

        List<String> stackDraw = DrawTest.ids(DrawTest.draw(team, Map.of("count", 2, "bank", "team", "tags", List.of("stack")), 200));
        assertThat(stackDraw).containsExactlyInAnyOrder(mine.get(0), mine.get(1));
        // A tag of the shared bank, drawn from both banks, gives only questions with that tag.
        JsonPath rag = DrawTest.draw(team, Map.of("count", 3, "tags", List.of("rag", "queue"), "seed", 3), 200);
        for (String id : DrawTest.ids(rag)) {
            assertThat(given().header("Authorization", Fixtures.candidate(team)).when().get("/api/questions/" + id)
                    .then().statusCode(200).extract().jsonPath().getList("tags", String.class))
                    .containsAnyOf("rag", "queue");
        }

        given().header("Authorization", Fixtures.service(team)).contentType(ContentType.JSON)
                .body(Map.of("count", 3, "bank", "team", "tags", List.of("stack")))
                .when().post("/api/questions/draw")
                .then().statusCode(422).body("errors.field", hasItem("count"))
                .body("detail", org.hamcrest.Matchers.containsString("your team's bank"));
        given().header("Authorization", Fixtures.service(team)).contentType(ContentType.JSON)
                .body(Map.of("count", 1, "bank", "mine"))
                .when().post("/api/questions/draw")
                .then().statusCode(oneOf(400, 422)).body("errors.field", hasItem("bank"));
        given().header("Authorization", Fixtures.service(team)).contentType(ContentType.JSON)
                .body(Map.of("count", 1, "tags", List.of("Not A Tag")))
                .when().post("/api/questions/draw")
                .then().statusCode(oneOf(400, 422)).body("errors.field", hasItem("tags[0]"));
        // The list filters by bank the same way.
        assertThat(given().header("Authorization", Fixtures.candidate(team)).when().get("/api/questions?bank=team&size=100")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class))
                .containsExactlyInAnyOrderElementsOf(mine);
    }

    @Test
    void exportWritesBlockScalarsAndRoundTripsBothBanks() {
        String team = Fixtures.unique("team");
        // A team with no questions of its own can still export the shared bank.
        String shared = given().header("Authorization", Fixtures.admin(team)).accept(YAML)
                .when().get("/api/bank/export?bank=shared")
                .then().statusCode(200).contentType(YAML).extract().asString();
        assertThat(shared).contains("id: rag-", "referenceAnswer: >-", "prompt: ");
        assertThat(shared.lines().filter(l -> l.endsWith("\\"))).as("no backslash continuations").isEmpty();
        assertThat(shared).containsPattern("\\n\\s+terms: \\[[a-z]");
        int sharedCount = given().header("Authorization", Fixtures.candidate(team)).when().get("/api/questions?bank=shared&size=1")
                .then().extract().jsonPath().getInt("total");
        assertThat(shared.lines().filter(l -> l.matches("\\s*- id: .*"))).hasSizeGreaterThanOrEqualTo(sharedCount);

        String stack = Fixtures.unique("stack-ops");
        String byRef = Fixtures.unique("java-passing");
        importBank(team, YAML, shortBank("data-structures", stack, byRef)).statusCode(200);
        String exported = given().header("Authorization", Fixtures.admin(team)).accept(YAML)
                .when().get("/api/bank/export")
                .then().statusCode(200).extract().asString();
        assertThat(exported).startsWith("categories: [data-structures]")
                .contains("referenceAnswer: >-\n", "tags: [stack, lifo]")
                .doesNotContain("id: rag-");
        assertThat(exported.lines().filter(l -> l.endsWith("\\"))).isEmpty();
        assertThat(exported.lines().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(120);

        // Imported again, as exported, nothing changes; into a new team, the same rubrics appear.
        importBank(team, YAML, exported).statusCode(200).body("unchanged", equalTo(2)).body("created", equalTo(0));
        String text = RubricVersioningTest.rubric(team, byRef, null).getString("referenceAnswer");
        assertThat(text).startsWith("By value: the value passed").endsWith("point elsewhere.").doesNotContain("\n");

        // A shared export imported by a team is refused (the ids are the shared bank's), changing nothing.
        importBank(Fixtures.unique("team"), YAML, shared).statusCode(409);

        given().header("Authorization", Fixtures.admin(team)).accept(YAML).when().get("/api/bank/export?bank=everything")
                .then().statusCode(oneOf(400, 422)).body("errors.field", hasItem("bank"));
    }

    @Test
    void aTeamsOwnCategoryInAnImportMustBeDeclaredOrDefined() {
        String team = Fixtures.unique("team");
        String bank = shortBank("compilers", Fixtures.unique("parse"), Fixtures.unique("lex"))
                .replace("categories: [compilers]\n", "");
        importBank(team, YAML, bank).statusCode(oneOf(400, 422))
                .body("errors.field", hasItem("questions[0].category"))
                .body("detail", org.hamcrest.Matchers.notNullValue());
        assertThat(categories(team)).extracting(c -> c.get("category")).doesNotContain("compilers");
    }

    static Map<String, Object> oneKeyPoint(String id, String category) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("id", id);
        q.put("category", category);
        q.put("difficulty", "JUNIOR");
        q.put("tags", new ArrayList<>(List.of("stack")));
        q.put("prompt", "Which two operations define a stack?");
        q.put("referenceAnswer", "Push and pop.");
        q.put("keyPoints", List.of(Map.of("id", "push-pop", "text", "Names push and pop.", "weight", 1, "required", true,
                "terms", List.of("push", "pop"))));
        return q;
    }

    private static List<Map<String, Object>> categories(String team) {
        return given().header("Authorization", Fixtures.candidate(team)).when().get("/api/categories")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    static ValidatableResponse importBank(String team, String contentType, Object body) {
        // RestAssured sends YAML as text, and text as ISO-8859-1 unless told otherwise; the bank has non-Latin letters.
        var config = io.restassured.RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs(YAML, ContentType.TEXT).defaultContentCharset("UTF-8"));
        return given().config(config).header("Authorization", Fixtures.admin(team)).contentType(contentType).body(body)
                .when().post("/api/bank/import")
                .then().log().ifValidationFails();
    }
}
