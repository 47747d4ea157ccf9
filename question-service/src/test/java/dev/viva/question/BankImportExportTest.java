package dev.viva.question;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
class BankImportExportTest {

    private static final String YAML = "application/yaml";

    @Test
    void yamlImportCreatesThenExportRoundTripsUnchanged() {
        String team = Fixtures.unique("team");
        String a = Fixtures.unique("yaml-a");
        String b = Fixtures.unique("yaml-b");
        String bank = """
                category: rag
                questions:
                  - id: %s
                    difficulty: MID
                    tags: [rag, vector-database]
                    prompt: >-
                      Why does retrieval help a language model answer questions about private documents?
                    referenceAnswer: >-
                      Retrieval fetches relevant passages at query time and puts them in the prompt.
                    keyPoints:
                      - {id: grounding, text: Grounds the answer in retrieved context., weight: 3, required: true, terms: [context, ground]}
                      - {id: freshness, text: Knowledge can change without retraining., weight: 2, terms: [up to date, retrain]}
                      - {id: citations, text: Sources can be cited., weight: 1, terms: [cite, source]}
                      - {id: limits, text: Retrieval quality bounds answer quality., weight: 2, terms: [recall, chunk]}
                    redFlags:
                      - {id: rag-retrains, text: Claims retrieval updates the model's weights., penalty: 10}
                    followUps:
                      - How would you chunk the documents?
                      - How do you measure retrieval quality?
                  - id: %s
                    category: serving
                    difficulty: SENIOR
                    tags: [latency]
                    prompt: How do you cut the latency of a served model?
                    referenceAnswer: Batch requests, quantize, cache and stream tokens.
                    keyPoints:
                      - {id: batching, text: Batching raises throughput., weight: 2, required: true, terms: [batch]}
                      - {id: quantization, text: Quantization shrinks compute., weight: 2, terms: [int8]}
                      - {id: caching, text: KV caches avoid recomputation., weight: 2, terms: [kv cache]}
                      - {id: streaming, text: Streaming improves perceived latency., weight: 1, terms: [stream]}
                    redFlags:
                      - {id: bigger-is-faster, text: Says a larger model is faster., penalty: 5}
                    followUps: ["What does batching cost?", "How do you measure p99?"]
                """.formatted(a, b);
        importBank(team, YAML, bank).body("created", equalTo(2)).body("updated", equalTo(0)).body("unchanged", equalTo(0));
        assertThat(RubricVersioningTest.rubric(team, a, null).getString("category")).isEqualTo("rag");
        assertThat(RubricVersioningTest.rubric(team, b, null).getString("category")).isEqualTo("serving");

        String exported = given().header("Authorization", Fixtures.admin(team)).accept(YAML)
                .when().get("/api/bank/export")
                .then().statusCode(200).contentType(YAML).extract().asString();
        assertThat(exported).contains("id: " + a).contains("id: " + b).contains("referenceAnswer")
                .doesNotContain("criteria");

        importBank(team, YAML, exported).body("created", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(2));
        assertThat(RubricVersioningTest.versions(team, a)).hasSize(1);

        String changed = exported.replace("How would you chunk the documents?", "How would you split the documents?");
        importBank(team, YAML, changed).body("created", equalTo(0)).body("updated", equalTo(1)).body("unchanged", equalTo(1));
        assertThat(RubricVersioningTest.versions(team, a)).hasSize(2);
        assertThat(RubricVersioningTest.rubric(team, a, 1).getList("followUps", String.class))
                .contains("How would you chunk the documents?");
    }

    @Test
    void jsonExportImportsBackUnchangedAndCarriesOwnCriteria() {
        String team = Fixtures.unique("team");
        String id = Fixtures.unique("json");
        Map<String, Object> q = Fixtures.question(id, "evaluation", "JUNIOR", "bleu");
        q.put("criteria", List.of(Map.of("id", "accuracy", "name", "Accuracy", "weight", 2, "levels", List.of(
                Map.of("level", 0, "label", "Wrong", "descriptor", "Mostly wrong."),
                Map.of("level", 1, "label", "Right", "descriptor", "Mostly right.")))));
        importBank(team, "application/json", Map.of("questions", List.of(q))).body("created", equalTo(1));

        String exported = given().header("Authorization", Fixtures.admin(team)).accept(ContentType.JSON)
                .when().get("/api/bank/export")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString();
        JsonPath doc = JsonPath.from(exported);
        assertThat(doc.getList("questions.id", String.class)).containsExactly(id);
        assertThat(doc.getString("questions[0].category")).isEqualTo("evaluation");
        assertThat(doc.getList("questions[0].criteria.id", String.class)).containsExactly("accuracy");
        assertThat(doc.getList("questions[0].keyPoints", Map.class)).hasSize(4);

        importBank(team, "application/json", exported).body("unchanged", equalTo(1)).body("created", equalTo(0));
        // The JSON export imports as YAML too: YAML is a superset of JSON.
        importBank(team, YAML, exported).body("unchanged", equalTo(1));
    }

    @Test
    void invalidImportChangesNothingAndNamesTheField() {
        String team = Fixtures.unique("team");
        String good = Fixtures.unique("good");
        Map<String, Object> bad = Fixtures.question(Fixtures.unique("bad"), "rag", "MID");
        Fixtures.keyPoint(bad, 1).put("weight", 9);
        importBank(team, "application/json", Map.of("questions", List.of(Fixtures.question(good, "rag", "MID"), bad)))
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("questions[1].keyPoints[1].weight"));
        given().header("Authorization", Fixtures.candidate(team)).when().get("/api/questions/" + good).then().statusCode(404);

        importBank(team, YAML, "questions:\n\t- id: x\n").statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("not valid YAML"));
        importBank(team, YAML, "questions:\n  - id: x\n    weight: 3\n").statusCode(400)
                .body("errors.field", hasItem("questions[0].weight"));
        importBank(team, "application/json", "{\"questions\": 3}").statusCode(400);
        importBank(team, "application/json", "{}").statusCode(400).body("errors.field", hasItem("questions"));
        String dup = Fixtures.unique("dup");
        importBank(team, "application/json", Map.of("questions", List.of(Fixtures.question(dup, "rag", "MID"),
                Fixtures.question(dup, "rag", "MID")))).statusCode(422).body("errors.field", hasItem("questions[1].id"));
    }

    @Test
    void importOfAnIdAnotherTeamUsesCreatesTheImportersOwnAndLeavesTheOtherAlone() {
        String owner = Fixtures.unique("team");
        String other = Fixtures.unique("team");
        String id = Fixtures.unique("owned");
        QuestionApi.create(owner, Fixtures.question(id, "rag", "MID"));
        importBank(other, "application/json", Map.of("questions", List.of(Fixtures.question(id, "rag", "SENIOR"))))
                .statusCode(200).body("created", org.hamcrest.Matchers.equalTo(1));
        assertThat(RubricVersioningTest.rubric(owner, id, null).getString("difficulty")).isEqualTo("MID");
        assertThat(RubricVersioningTest.rubric(other, id, null).getString("difficulty")).isEqualTo("SENIOR");
    }

    private static io.restassured.response.ValidatableResponse importBank(String team, String contentType, Object body) {
        // RestAssured does not know YAML: it sends YAML text as it is.
        var config = io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                .encodeContentTypeAs(YAML, ContentType.TEXT));
        return given().config(config).header("Authorization", Fixtures.admin(team)).contentType(contentType).body(body)
                .when().post("/api/bank/import")
                .then().log().ifValidationFails();
    }
}
