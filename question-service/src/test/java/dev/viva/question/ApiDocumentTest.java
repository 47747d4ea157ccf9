package dev.viva.question;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document describes every operation, with one schema per name. */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class ApiDocumentTest {

    @Test
    void everyOperationHasASummaryADescriptionAndItsResponsesAndSchemaNamesAreUnique() {
        JsonPath doc = JsonPath.from(given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString());
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/questions", "/api/questions/draw", "/api/categories", "/api/categories/{category}",
                "/api/tags", "/api/bank/export", "/api/bank/import");
        paths.forEach((path, operations) -> operations.forEach((method, op) -> {
            String where = method.toUpperCase() + " " + path;
            assertThat((String) op.get("summary")).as(where + " summary").isNotBlank();
            assertThat((String) op.get("description")).as(where + " description").isNotBlank();
            assertThat(((Map<String, Object>) op.get("responses")).keySet()).as(where + " responses").contains("401").hasSizeGreaterThanOrEqualTo(2);
        }));
        assertThat(doc.getMap("components.schemas").keySet())
                .noneMatch(name -> name.toString().matches(".*\\d$"))
                .contains("KeyPoint", "KeyPointInput", "Criterion", "CriterionInput");
    }
}
