package dev.viva.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document describes every operation: a summary, a description and its responses. */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class ApiDocumentTest {

    @Test
    void everySessionOperationHasASummaryADescriptionAndItsResponses() {
        JsonPath doc = JsonPath.from(given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString());
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/sessions", "/api/sessions/{id}", "/api/sessions/{id}/answers",
                "/api/sessions/{id}/complete", "/api/sessions/{id}/report", "/api/sessions/{id}/events");
        paths.forEach((path, operations) -> {
            if (!path.startsWith("/api/sessions")) {
                return; // other resources of this service are described by their owners
            }
            operations.forEach((method, op) -> {
                String where = method.toUpperCase() + " " + path;
                assertThat((String) op.get("summary")).as(where + " summary").isNotBlank().doesNotMatch("Get|Create|Submit");
                assertThat((String) op.get("description")).as(where + " description").isNotBlank();
                assertThat(((Map<String, Object>) op.get("responses")).keySet()).as(where + " responses").contains("401").hasSizeGreaterThanOrEqualTo(2);
            });
        });
        Map<String, Object> fields = doc.getMap("components.schemas.CreateSessionRequest.properties");
        assertThat(fields).containsKeys("bank", "tags");
    }
}
