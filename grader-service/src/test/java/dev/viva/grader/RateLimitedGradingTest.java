package dev.viva.grader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.Api;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.grader.support.ProviderRateLimit;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A burst of answers through the real broker and database against a model whose provider enforces a
 * tight rate limit (requests per minute, OpenAI's headers and 429s): every answer ends GRADED, none
 * FAILED, each graded once, and a 429 is answered by waiting at least its Retry-After, not by a storm of
 * retries. The consumer may go 4 s without polling and takes 2 records a poll, while the burst waits
 * about 10 s for the limit: only a connector that pauses its partitions and keeps polling keeps its
 * place in the group (a consumer that stopped polling would be rebalanced and its records delivered twice).
 */
@QuarkusTest
@TestProfile(RateLimitedGradingTest.Profile.class)
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class RateLimitedGradingTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("viva.grader.max-in-flight", "8",
                    "mp.messaging.incoming.answers-submitted.max.poll.records", "2",
                    "mp.messaging.incoming.answers-submitted.max.poll.interval.ms", "4000");
        }
    }

    static final int ANSWERS = 20;

    @Test
    void burstAgainstATightRateLimitEndsGradedWithoutFailuresOrARetryStorm() {
        double rateLimitedBefore = metric("viva_llm_rate_limited_total");
        double duplicatesBefore = metric("viva_gradings_duplicates_total");
        // 120 requests a minute (2/s), a bucket of one second: far fewer than the 12 gradings that may run at once
        ProviderRateLimit limit = FakeUpstreams.limitRate(120, 10_000_000, Duration.ofSeconds(1));
        try {
            String team = Answers.team();
            List<AnswerSubmitted> answers = new ArrayList<>();
            for (int i = 0; i < ANSWERS; i++) {
                answers.add(Answers.publish(Answers.answer(team, Answers.QUESTION,
                        "Documents are split into chunks and embedded; the nearest chunks are retrieved. " + i)));
            }

            int graded = 0;
            for (AnswerSubmitted a : answers) {
                JsonPath ev = Api.awaitEvaluation(team, a.answerId());
                assertThat(ev.getString("latest.status")).as("answer %s", a.answerId()).isEqualTo("GRADED");
                assertThat(ev.getList("history")).as("evaluations of answer %s", a.answerId()).hasSize(1);
                graded++;
            }
            assertThat(graded).isEqualTo(ANSWERS);

            // The burst met the limit, and each refusal was waited out for its Retry-After (1 s at least).
            assertThat(limit.refused()).as("429s sent").isPositive();
            int waitedOut = 0;
            for (AnswerSubmitted a : answers) {
                List<FakeUpstreams.Call> calls = FakeUpstreams.calls(a.answerId().toString());
                assertThat(calls.get(calls.size() - 1).rateLimited()).isFalse();
                for (int i = 0; i + 1 < calls.size(); i++) {
                    if (calls.get(i).rateLimited()) {
                        assertThat(calls.get(i + 1).atMillis() - calls.get(i).atMillis())
                                .as("wait after a 429 for answer %s", a.answerId()).isGreaterThanOrEqualTo(990);
                        waitedOut++;
                    }
                }
            }
            assertThat(waitedOut).isEqualTo(limit.refused());
            // No storm: once the headers are known the calls are paced; the refusals are the first burst, which
            // went out before any reply had told the grader the limit, not a refusal per retry.
            assertThat(limit.refused()).as("429s for %d answers", ANSWERS).isLessThan(ANSWERS);
            assertThat(metric("viva_llm_rate_limited_total") - rateLimitedBefore).isEqualTo(limit.refused());
            assertThat(metric("viva_llm_in_flight")).isZero();
            assertThat(metric("viva_gradings_duplicates_total")).as("deliveries of an answer already graded")
                    .isEqualTo(duplicatesBefore);
        } finally {
            FakeUpstreams.unlimited();
        }
    }

    /** A metric's value on /q/metrics, as a scraper reads it; 0 when absent. */
    private static double metric(String name) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                // name{labels} value [timestamp]
                String rest = line.substring(name.length());
                if (rest.startsWith("{")) {
                    rest = rest.substring(rest.indexOf('}') + 1);
                }
                return Double.parseDouble(rest.trim().split("\\s+")[0]);
            }
        }
        System.out.println("No " + name + " among " + body.lines().filter(l -> l.startsWith("viva_llm")).toList());
        return 0;
    }
}
