package dev.viva.session;

import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A report is safe to open whatever the candidate typed: Markdown stays text, HTML loads nothing and is not sniffed. */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class ReportSafetyTest {

    @Test
    void aTitleWithMarkdownAndHtmlIsEscapedAndHtmlReportsCarryASecurityPolicy() {
        String token = candidate(unique("ann"), unique("team"));
        String title = "[click me](javascript:alert(1)) ![x](http://tracker.example/p.png) <img src=x> # *bold*";
        String id = Viva.createSession(token, "{\"questionCount\":1,\"title\":" + Viva.JSON.valueToTree(title) + "}")
                .statusCode(201).extract().path("id");

        String markdown = given().auth().oauth2(token).accept("text/markdown").get("/api/sessions/{id}/report", id).asString();
        assertThat(markdown.lines().findFirst().orElseThrow())
                .isEqualTo("# \\[click me\\]\\(javascript:alert\\(1\\)\\) \\!\\[x\\]\\(http://tracker.example/p.png\\) "
                        + "&lt;img src=x&gt; \\# \\*bold\\*");

        Response html = given().auth().oauth2(token).accept("text/html").get("/api/sessions/{id}/report", id);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.header("Content-Security-Policy")).contains("default-src 'none'", "frame-ancestors 'none'");
        assertThat(html.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(html.asString()).doesNotContain("<img src=x>");
        assertThat(given().auth().oauth2(token).get("/api/sessions/{id}", id).header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
