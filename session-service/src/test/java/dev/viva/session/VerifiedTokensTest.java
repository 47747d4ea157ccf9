package dev.viva.session;

import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.viva.local.DevTokens;
import dev.viva.local.test.VivaInfrastructure;
import dev.viva.session.rest.VerifiedTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A token verified once is accepted from memory on the next requests, but never past its expiry, and a
 * token that differs from a remembered one in its signature is verified (and refused) on its own.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class VerifiedTokensTest {

    @Inject
    VerifiedTokens probe;

    @Test
    void aTokenIsRememberedUntilItsExpiryAndAForgedTwinIsRefusedAtOnce() {
        String team = unique("team");
        String token = DevTokens.mint(unique("tia"), team, Duration.ofHours(1), "candidate");
        given().auth().oauth2(token).when().get("/api/sessions").then().statusCode(200);
        assertThat(probe.remembers(token)).as("the verification is remembered by the token factory in use").isTrue();
        given().auth().oauth2(token).when().get("/api/sessions").then().statusCode(200);

        char last = token.charAt(token.length() - 2);
        String forged = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        given().auth().oauth2(forged).when().get("/api/sessions").then().statusCode(401);
        assertThat(probe.remembers(forged)).isFalse();

        // past its exp a token is no longer taken from memory: each request verifies it in full again, with
        // the verifier's own clock skew (mp.jwt.verify.clock.skew) deciding
        String brief = DevTokens.mint(unique("tim"), team, Duration.ofSeconds(2), "candidate");
        given().auth().oauth2(brief).when().get("/api/sessions");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() -> !probe.remembers(brief));
        given().auth().oauth2(brief).when().get("/api/sessions");
        assertThat(probe.remembers(brief)).as("an expired token is not remembered again").isFalse();
    }
}
