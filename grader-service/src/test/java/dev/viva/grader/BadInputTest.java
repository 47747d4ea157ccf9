package dev.viva.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.grader.support.Answers;
import dev.viva.grader.support.FakeUpstreams;
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
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class BadInputTest {

    /** Bodies the operations accept, so that each probe breaks exactly one thing. */
    static final Map<String, String> VALID_BODIES = Map.of(
            "POST /api/evaluations/regrade", "{\"questionId\":\"" + Answers.QUESTION + "\"}");

    @Test
    void everyOperationRefusesEveryWrongInputWithAProblemNamingTheField() {
        ContractSuites.Report report = ContractSuites.badInput("http://localhost:" + RestAssured.port, Answers.team(),
                VALID_BODIES).print();
        assertThat(report.requests()).isGreaterThan(20);
        assertThat(report.failures()).isEmpty();
    }
}
