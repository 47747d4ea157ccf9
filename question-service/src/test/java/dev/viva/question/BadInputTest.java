package dev.viva.question;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.local.test.ContractSuites;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Wrong input of every kind, generated for every operation of this service's OpenAPI document, is refused with
 * the documented problem naming the field: no 5xx, nothing accepted. The same test runs in all three services.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "questions"))
class BadInputTest {

    /** Bodies the operations accept, so that each probe breaks exactly one thing. */
    static Map<String, String> validBodies(String id) {
        try {
            String question = new ObjectMapper().writeValueAsString(Fixtures.question(id, "rag", "MID", "t"));
            return Map.of(
                    "POST /api/questions", question,
                    "PUT /api/questions/{id}", question,
                    "POST /api/questions/draw", "{\"count\":1}",
                    "POST /api/bank/import", "{\"questions\":[]}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyOperationRefusesEveryWrongInputWithAProblemNamingTheField() {
        ContractSuites.Report report = ContractSuites.badInput("http://localhost:" + RestAssured.port, Fixtures.unique("team"),
                validBodies(Fixtures.unique("q"))).print();
        assertThat(report.requests()).isGreaterThan(50);
        assertThat(report.failures()).isEmpty();
    }
}
