package dev.viva.grader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.grader.rest.UsageView;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document describes every operation, and money reads as a plain decimal. */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class ApiDocumentTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void everyOperationHasASummaryADescriptionAndItsResponsesAndNoJacksonTypesLeak() {
        String body = given().accept("application/json").when().get("/q/openapi").then().statusCode(200).extract().asString();
        JsonPath doc = JsonPath.from(body);
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/evaluations/{answerId}", "/api/evaluations/regrade", "/api/grader", "/api/usage");
        paths.forEach((path, operations) -> operations.forEach((method, op) -> {
            String where = method.toUpperCase() + " " + path;
            assertThat((String) op.get("summary")).as(where + " summary").isNotBlank();
            assertThat((String) op.get("description")).as(where + " description").isNotBlank();
            assertThat(((Map<String, Object>) op.get("responses")).keySet()).as(where + " responses").contains("401").hasSizeGreaterThanOrEqualTo(2);
        }));
        assertThat(doc.getMap("components.schemas").keySet()).doesNotContain("JsonNode", "JsonNodeType");
        assertThat(body).doesNotContain("JsonNodeType", "#/components/schemas/JsonNode\"");
    }

    @Test
    void costIsAPlainDecimal() throws Exception {
        UsageView nothing = new UsageView("t", 3, 3, 0, 0, 0, 0, new BigDecimal("0E-8"), List.of());
        assertThat(mapper.writeValueAsString(nothing)).contains("\"costUsd\":0.00000000").doesNotContain("E-");
        UsageView small = new UsageView("t", 1, 1, 0, 10, 2, 12, new BigDecimal("1.2E-7"), List.of());
        assertThat(mapper.writeValueAsString(small)).contains("\"costUsd\":0.00000012");
    }
}
