package dev.viva.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.viva.local.test.ContractSuites;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The error contract of {@code deploy/contracts/README.md} on every operation: 401 for a missing, expired or
 * invalid token (saying which), 403 naming the role needed, and the HTTP layer's own refusals as problem+json.
 * The same test runs in all three services.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class ErrorContractTest {

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    @Test
    void aMissingExpiredOrInvalidTokenIs401SayingWhichOnEveryOperation() {
        ContractSuites.Report report = ContractSuites.tokens(base(), Viva.unique("team")).print();
        assertThat(report.failures()).isEmpty();
    }

    @Test
    void aMissingRoleIs403NamingTheRoleOnEveryOperation() {
        ContractSuites.Report report = ContractSuites.roles(base(), Viva.unique("team")).print();
        assertThat(report.requests()).isGreaterThan(5);
        assertThat(report.failures()).isEmpty();
    }

    @Test
    void theHttpLayerRefusesWithProblemsToo() {
        var config = ConfigProvider.getConfig();
        ContractSuites.Report report = ContractSuites.httpLayer(base(), Viva.unique("team"), "/api/sessions", "/api/sessions",
                config.getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue(),
                config.getValue("viva.http.body-timeout", Duration.class)).print();
        assertThat(report.failures()).isEmpty();
    }
}
