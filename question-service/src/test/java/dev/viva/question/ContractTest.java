package dev.viva.question;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What other services read from us matches deploy/contracts: the rubric and the draw. */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class ContractTest {

    private static final Path CONTRACTS = Path.of("..", "deploy", "contracts");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rubricMatchesTheRubricSchema() throws IOException {
        String team = Fixtures.unique("team");
        String id = Fixtures.unique("contract");
        QuestionApi.create(team, Fixtures.question(id, "rag", "MID", "rag"));
        String body = given().header("Authorization", Fixtures.service(team))
                .when().get("/api/questions/" + id + "/rubric?version=1")
                .then().statusCode(200).extract().asString();
        assertValid(schema("rubric.v1.schema.json", null), body);

        String shared = given().header("Authorization", Fixtures.candidate(team))
                .when().get("/api/questions?size=1").then().statusCode(200).extract().path("items[0].id");
        if (shared != null) {
            assertValid(schema("rubric.v1.schema.json", null), given().header("Authorization", Fixtures.service(team))
                    .when().get("/api/questions/" + shared + "/rubric").then().statusCode(200).extract().asString());
        }
    }

    @Test
    void aTeamsOneKeyPointRubricMatchesTheRubricSchema() throws IOException {
        String team = Fixtures.unique("team");
        String id = Fixtures.unique("short");
        QuestionApi.create(team, TeamBankTest.oneKeyPoint(id, "foundations"));
        String body = given().header("Authorization", Fixtures.service(team))
                .when().get("/api/questions/" + id + "/rubric?version=1")
                .then().statusCode(200).extract().asString();
        assertValid(schema("rubric.v1.schema.json", null), body);
    }

    @Test
    void aDrawByBankAndTagMatchesTheDrawSchema() throws IOException {
        String team = Fixtures.unique("team");
        Map<String, Object> q = TeamBankTest.oneKeyPoint(Fixtures.unique("tagged"), "foundations");
        QuestionApi.create(team, q);
        Map<String, Object> request = Map.of("count", 1, "bank", "team", "tags", List.of("stack"), "seed", 5);
        assertValid(schema("draw.v1.schema.json", "request"), JSON.writeValueAsString(request));
        String body = given().header("Authorization", Fixtures.service(team)).contentType(ContentType.JSON).body(request)
                .when().post("/api/questions/draw")
                .then().statusCode(200).extract().asString();
        assertValid(schema("draw.v1.schema.json", "response"), body);
    }

    @Test
    void drawRequestAndResponseMatchTheDrawSchema() throws IOException {
        String team = Fixtures.unique("team");
        DrawTest.seedTeam(team, "safety", 3);
        Map<String, Object> request = Map.of("count", 3, "categories", List.of("safety"), "excludeIds", List.of(),
                "seed", 99);
        assertValid(schema("draw.v1.schema.json", "request"), JSON.writeValueAsString(request));
        String body = given().header("Authorization", Fixtures.service(team)).contentType(ContentType.JSON).body(request)
                .when().post("/api/questions/draw")
                .then().statusCode(200).extract().asString();
        assertValid(schema("draw.v1.schema.json", "response"), body);
        // A request in the schema's full shape, nulls included, is accepted too.
        String withNulls = "{\"count\":1,\"categories\":null,\"difficulty\":null,\"excludeIds\":null,\"seed\":null}";
        assertValid(schema("draw.v1.schema.json", "request"), withNulls);
        given().header("Authorization", Fixtures.service(team)).contentType(ContentType.JSON).body(withNulls)
                .when().post("/api/questions/draw")
                .then().statusCode(200);
    }

    private static JsonSchema schema(String file, String def) throws IOException {
        JsonNode node = JSON.readTree(Files.readString(CONTRACTS.resolve(file)));
        if (def != null) {
            node = node.get("$defs").get(def);
        }
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
    }

    private static void assertValid(JsonSchema schema, String json) throws IOException {
        Set<ValidationMessage> errors = schema.validate(JSON.readTree(json));
        assertThat(errors).as(json).isEmpty();
    }
}
