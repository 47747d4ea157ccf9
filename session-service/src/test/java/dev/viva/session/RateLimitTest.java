package dev.viva.session;

import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The per-user and the global request rate limits (5 per user and 12 in all per minute here): beyond either a
 * request is a 429 problem with Retry-After, and one user's burst does not stop another user until the
 * instance as a whole is at its limit.
 */
@QuarkusTest
@TestProfile(RateLimitTest.Tight.class)
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class RateLimitTest {

    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("viva.rate-limit.per-user", "5", "viva.rate-limit.global", "12", "viva.rate-limit.period", "60s");
        }
    }

    private static Response list(String token) {
        return given().auth().oauth2(token).when().get("/api/sessions");
    }

    @Test
    void aUserOverItsLimitAndTheInstanceOverItsLimitGet429WithRetryAfter() {
        String team = unique("team");
        String ann = candidate(unique("ann"), team);
        String bob = candidate(unique("bob"), team);
        String cy = candidate(unique("cy"), team);
        for (int i = 0; i < 5; i++) {
            list(ann).then().statusCode(200);
        }
        Response refused = list(ann);
        refused.then().statusCode(429).contentType("application/problem+json").body("detail", containsString("5 per 60 s"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 61L);

        for (int i = 0; i < 5; i++) {
            list(bob).then().statusCode(200);
        }
        // 12 permits in all, and ann's refused request took one of them too: cy gets the last one
        list(cy).then().statusCode(200);
        list(cy).then().statusCode(429).body("detail", containsString("too many requests"));
        assertThat(Long.parseLong(list(cy).header("Retry-After"))).isBetween(1L, 61L);
    }
}
