package dev.viva.session;

import static dev.viva.session.Viva.admin;
import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The quotas hold when one candidate sends many requests at the same moment: exactly the quota succeeds, every
 * other request is a 429 problem with {@code Retry-After}, and nothing beyond the quota is stored.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class QuotaRaceTest {

    private static final int AT_ONCE = 12;

    private static void settings(String team, int sessionsPerDay, int answersPerQuestion) {
        given().auth().oauth2(admin(unique("ada"), team)).contentType(ContentType.JSON)
                .body("{\"revealPolicy\":\"practice\",\"sessionsPerDay\":" + sessionsPerDay + ",\"answersPerQuestion\":"
                        + answersPerQuestion + "}")
                .when().put("/api/team/settings").then().statusCode(200);
    }

    @Test
    void concurrentSessionStartsOfOneCandidateStartExactlyTheQuota() throws Exception {
        String team = unique("team");
        settings(team, 3, 5);
        String token = candidate(unique("racer"), team);
        List<Response> answers = atOnce(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"questionCount\":1}").when().post("/api/sessions"));

        assertThat(answers).extracting(Response::statusCode).filteredOn(s -> s == 201).hasSize(3);
        assertRefusedWithRetryAfter(answers, AT_ONCE - 3);
        assertThat(given().auth().oauth2(token).get("/api/sessions").jsonPath().getList("id")).hasSize(3);
    }

    @Test
    void concurrentAnswersToOneQuestionStoreExactlyTheQuota() throws Exception {
        String team = unique("team");
        settings(team, 20, 2);
        String token = candidate(unique("racer"), team);
        Map<String, Object> session = newSession(token, 1);
        String id = session.get("id").toString();
        String question = questionId(session, 0);
        List<Response> answers = atOnce(() -> Viva.submit(token, id, question, "An answer sent many times at once.")
                .extract().response());

        List<String> accepted = answers.stream().filter(r -> r.statusCode() == 202)
                .map(r -> r.jsonPath().getString("answerId")).toList();
        assertThat(accepted).hasSize(2);
        assertRefusedWithRetryAfter(answers, AT_ONCE - 2);
        // the current answer is one of the two accepted, and a third is refused as before
        assertThat(given().auth().oauth2(token).get("/api/sessions/{id}", id).then().statusCode(200).extract()
                .<String>path("questions[0].answer.answerId")).isIn(accepted);
        Viva.submit(token, id, question, "One more.").statusCode(429);
    }

    private static void assertRefusedWithRetryAfter(List<Response> answers, int refused) {
        List<Response> tooMany = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(tooMany).as("statuses %s", answers.stream().map(Response::statusCode).toList()).hasSize(refused);
        for (Response r : tooMany) {
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.jsonPath().getString("type")).isEqualTo("https://viva.dev/problems/too-many-requests");
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(Duration.ofHours(23).toSeconds(),
                    Duration.ofHours(24).toSeconds() + 1);
        }
    }

    /** Sends {@link #AT_ONCE} copies of one request, released together. */
    private static List<Response> atOnce(Callable<Response> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(AT_ONCE);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            calls.add(() -> {
                start.await();
                return request.call();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
