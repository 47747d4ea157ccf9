package dev.viva.grader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.Api;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.grader.support.FakeUpstreams.Reply;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * With {@code viva.grader.samples=3} every answer is graded three times through the real OpenAI SDK against
 * the fake model server, over the real broker and database: the grade combines the samples, the evaluation
 * says how far they agreed, and the review queue puts the answers they disagree on in its order.
 */
@QuarkusTest
@TestProfile(SampledGradingTest.ThreeSamples.class)
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class SampledGradingTest {

    public static class ThreeSamples implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("viva.grader.samples", "3", "viva.grader.llm.temperature", "0.7");
        }
    }

    static final String ANSWER = ReviewTest.ANSWER;

    static String reply(String retrievalVerdict, String retrievalQuote, int depth, List<String> redFlags) {
        List<Object[]> kps = List.of(new Object[] {"indexing", "covered", List.of("split into chunks")},
                new Object[] {"retrieval", retrievalVerdict, retrievalQuote == null ? List.of() : List.of(retrievalQuote)},
                new Object[] {"augmented-generation", "covered", List.of("go into the prompt")},
                new Object[] {"why-not-fine-tuning", "missing", List.of()},
                new Object[] {"citations-and-access", "missing", List.of()});
        return LlmGradingTest.reply(kps, Map.of("accuracy", 2, "completeness", 2, "clarity", 2, "depth", depth), redFlags, false, "");
    }

    static String reply(int depth) {
        return reply("covered", "nearest chunks are retrieved", depth, List.of());
    }

    /** Publishes an answer whose three model calls get these replies, in the order the calls arrive. */
    static AnswerSubmitted grade(String team, Reply... replies) {
        AnswerSubmitted a = Answers.answer(team, Answers.QUESTION, ANSWER);
        FakeUpstreams.script(a.answerId().toString(), replies);
        Answers.publish(a);
        Api.awaitEvaluation(team, a.answerId());
        return a;
    }

    @Test
    void samplesThatSplitAreCombinedByTheirMedianAndTheQueueShowsThemInItsOrder() {
        String team = Answers.team();
        String token = Api.token(team, "interviewer");
        // depth 1 (63), depth 2 (65), and a dissent: retrieval missing, depth 3 (52: a required point missing)
        AnswerSubmitted split = grade(team, Reply.ok(reply(1)), Reply.ok(reply(2)), Reply.ok(reply("missing", null, 3, List.of())));
        AnswerSubmitted unanimous = grade(team, Reply.ok(reply(3)), Reply.ok(reply(3)), Reply.ok(reply(3)));
        AnswerSubmitted flagged = grade(team, Reply.ok(reply("covered", "nearest chunks are retrieved", 1, List.of("whole-corpus-in-prompt"))),
                Reply.ok(reply("covered", "nearest chunks are retrieved", 1, List.of("whole-corpus-in-prompt"))), Reply.ok(reply(1)));
        AnswerSubmitted rejected = grade(team, Reply.ok(reply("covered", "cosine similarity search", 1, List.of())),
                Reply.ok(reply("covered", "cosine similarity search", 1, List.of())),
                Reply.ok(reply("covered", "cosine similarity search", 1, List.of())));

        assertThat(given().auth().oauth2(token).get("/api/grader").then().statusCode(200).extract().jsonPath().getInt("samples"))
                .isEqualTo(3);
        assertThat(FakeUpstreams.calls(split.answerId().toString())).hasSize(3);
        JsonPath ev = Api.awaitEvaluation(team, split.answerId());
        // median: retrieval covered (2 of 3), depth 2 (of 1, 2, 3)
        assertThat(ev.getString("latest.status")).isEqualTo("GRADED");
        assertThat(ev.getInt("latest.score")).isEqualTo(65);
        assertThat(ev.getInt("gradeOfRecord.score")).isEqualTo(65);
        assertThat(ev.getInt("latest.sampling.samples")).isEqualTo(3);
        assertThat(ev.getDouble("latest.sampling.temperature")).isEqualTo(0.7);
        assertThat(ev.getInt("latest.totalTokens")).isEqualTo(3 * 1200);
        assertThat(ev.getInt("latest.samples.requested")).isEqualTo(3);
        assertThat(ev.getInt("latest.samples.graded")).isEqualTo(3);
        assertThat(ev.getInt("latest.samples.keyPointsSplit")).isEqualTo(1);
        assertThat(ev.getInt("latest.samples.criteriaSplit")).isEqualTo(1);
        assertThat(ev.getDouble("latest.samples.disagreement")).isCloseTo(2.0 / 9, within(1e-6));
        assertThat(ev.getList("latest.samples.scores", Integer.class)).containsExactlyInAnyOrder(63, 65, 52);
        assertThat(ev.getInt("latest.samples.scoreSpread")).isEqualTo(13);
        assertThat(ev.getList("latest.samples.splits.id")).containsExactly("retrieval", "depth");
        assertThat(ev.getList("latest.samples.samples.rawReply")).hasSize(3).doesNotContainNull();
        // retrieval: 2 of 3 agree with the median, depth: 1 of 3, the other seven unanimous
        assertThat(ev.getDouble("latest.confidence")).isCloseTo((7 + 2.0 / 3 + 1.0 / 3) / 9, within(1e-4));
        List<Map<String, Object>> kps = ev.getList("latest.keyPoints");
        assertThat(kps).filteredOn(k -> k.get("id").equals("retrieval")).singleElement()
                .satisfies(k -> assertThat(k.get("status")).isEqualTo("COVERED"));

        JsonPath agreed = Api.awaitEvaluation(team, unanimous.answerId());
        assertThat(agreed.getInt("latest.score")).isEqualTo(67);
        assertThat(agreed.getDouble("latest.samples.disagreement")).isZero();
        assertThat(agreed.getDouble("latest.confidence")).isEqualTo(1.0);

        JsonPath q = given().auth().oauth2(token).get("/api/review-queue").then().statusCode(200).extract().jsonPath();
        // RED_FLAG 50 + NEAR_BOUNDARY 20, SAMPLES_DISAGREE 45 + NEAR_BOUNDARY 20, EVIDENCE_REJECTED 40 + NEAR_BOUNDARY 20
        assertThat(q.getList("items.answerId")).containsExactly(flagged.answerId().toString(), split.answerId().toString(),
                rejected.answerId().toString(), unanimous.answerId().toString());
        assertThat(q.getList("items[0].reasons.code")).containsExactly("RED_FLAG", "NEAR_BOUNDARY");
        assertThat(q.getList("items[1].reasons.code")).containsExactly("SAMPLES_DISAGREE", "NEAR_BOUNDARY");
        assertThat(q.getString("items[1].reasons[0].detail")).isEqualTo("3 samples of test-model disagree on 2 of 9 key point "
                + "verdicts and criterion levels (retrieval, depth); their scores range 52\u201365; the grade combines them");
        assertThat(q.getInt("items[1].priority")).isEqualTo(65);
        assertThat(q.getList("items[2].reasons.code")).containsExactly("EVIDENCE_REJECTED", "NEAR_BOUNDARY");
        // the unanimous grade is here only for being close to 70
        assertThat(q.getList("items[3].reasons.code")).containsExactly("NEAR_BOUNDARY");

        // the red flag raised by 2 of 3 samples counts; quotes the answer lacks stay rejected evidence
        JsonPath flaggedEv = Api.awaitEvaluation(team, flagged.answerId());
        assertThat(flaggedEv.getInt("latest.score")).isEqualTo(63 - 8);
        assertThat(flaggedEv.getList("latest.samples.redFlagsSplit")).containsExactly("whole-corpus-in-prompt");
        JsonPath rejectedEv = Api.awaitEvaluation(team, rejected.answerId());
        assertThat(rejectedEv.getDouble("latest.samples.disagreement")).isZero();
        assertThat(rejectedEv.getList("latest.keyPoints", Map.class)).filteredOn(k -> k.get("id").equals("retrieval")).singleElement()
                .satisfies(k -> {
                    assertThat(k.get("claimed")).isEqualTo("COVERED");
                    assertThat(k.get("status")).isEqualTo("MISSING");
                });

        // reviewed, the split answer leaves the queue
        ReviewTest.review(token, split.answerId(), "{\"action\":\"ACCEPT\"}").statusCode(201);
        assertThat(given().auth().oauth2(token).get("/api/review-queue").jsonPath().getList("items.answerId"))
                .doesNotContain(split.answerId().toString());
    }

    @Test
    void aFailedSampleIsLeftOutOfTheGradeAndLowersItsConfidence() {
        String team = Answers.team();
        AnswerSubmitted a = grade(team, Reply.ok(reply(3)), Reply.status(429, Map.of(),
                "{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"), Reply.ok(reply(3)));
        JsonPath ev = Api.awaitEvaluation(team, a.answerId());
        assertThat(ev.getString("latest.status")).isEqualTo("GRADED");
        assertThat(ev.getInt("latest.score")).isEqualTo(67);
        assertThat(ev.getInt("latest.samples.graded")).isEqualTo(2);
        assertThat(ev.getList("latest.samples.samples.status")).containsExactlyInAnyOrder("GRADED", "GRADED", "FAILED");
        assertThat(ev.getDouble("latest.confidence")).isCloseTo(2.0 / 3, within(1e-4));

        AnswerSubmitted none = grade(team, Reply.status(400, Map.of(), "{\"error\":{\"message\":\"bad\"}}"),
                Reply.status(400, Map.of(), "{\"error\":{\"message\":\"bad\"}}"), Reply.status(400, Map.of(), "{\"error\":{\"message\":\"bad\"}}"));
        JsonPath failed = Api.awaitEvaluation(team, none.answerId());
        assertThat(failed.getString("latest.status")).isEqualTo("FAILED");
        assertThat(failed.getString("latest.failureReason")).startsWith("all 3 samples failed; the last: ");
        assertThat(failed.getInt("latest.samples.graded")).isZero();
    }
}
