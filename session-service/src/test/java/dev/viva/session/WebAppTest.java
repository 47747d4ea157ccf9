package dev.viva.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The web app as session-service serves it: a strict Content-Security-Policy, no inline script, no
 * markup built from strings, and a development sign-in that does not exist unless turned on. The app's
 * behaviour in a browser is tested in deploy/browser.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class WebAppTest {

    private static final Path APP = Path.of("src/main/resources/META-INF/resources");

    @Test
    void theAppIsServedAtTheRootWithAStrictContentSecurityPolicy() {
        String policy = given().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .body(containsString("<script type=\"module\" src=\"/js/main.js\"></script>"))
                .extract().header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self';", "style-src 'self';", "frame-ancestors 'none'",
                "base-uri 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "*");
        given().when().get("/js/main.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("Content-Security-Policy", equalTo(policy));
        given().when().get("/css/app.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void apiResponsesMayLoadNothingAndSwaggerKeepsItsOwnPolicy() {
        given().when().get("/api/sessions").then().statusCode(401)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Content-Type-Options", "nosniff");
        given().when().get("/q/health/live").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }

    @Test
    void theConfigTellsTheAppHowToSignInAndWhereTheServicesAre() {
        given().accept(ContentType.JSON).when().get("/app/config").then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("devSignIn", equalTo(false))
                .body("oidc", nullValue())
                .body("questionServiceUrl", equalTo(""))
                .body("graderServiceUrl", equalTo(""));
    }

    @Test
    void theDevelopmentSignInDoesNotExistUnlessTurnedOn() {
        given().contentType(ContentType.JSON).body("{\"name\":\"alice\",\"role\":\"admin\",\"team\":\"demo\"}")
                .when().post("/app/dev-sign-in").then().statusCode(404).contentType("application/problem+json")
                .body(not(containsString("token")));
        // Even a bad body is a plain 404: nothing tells that the endpoint would exist.
        given().contentType(ContentType.JSON).body("{\"role\":\"god\"}")
                .when().post("/app/dev-sign-in").then().statusCode(404);
    }

    @Test
    void thePageHasNoInlineScriptAndNoScriptBuildsMarkupFromStrings() throws IOException {
        String index = Files.readString(APP.resolve("index.html"));
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(index);
        while (scripts.find()) {
            assertThat(scripts.group(1)).as("every script is a file").contains("src=");
            assertThat(scripts.group(2)).as("no inline script").isBlank();
        }
        assertThat(index).doesNotContainPattern("\\son[a-z]+=").doesNotContain("style=");
        List<Path> js;
        try (Stream<Path> files = Files.walk(APP.resolve("js"))) {
            js = files.filter(p -> p.toString().endsWith(".js")).toList();
        }
        assertThat(js).hasSizeGreaterThan(10);
        Pattern unsafe = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function\\(|setAttribute\\('style'");
        for (Path file : js) {
            assertThat(Files.readString(file)).as(file + " builds markup from strings or evaluates code").doesNotContainPattern(unsafe);
        }
    }
}
