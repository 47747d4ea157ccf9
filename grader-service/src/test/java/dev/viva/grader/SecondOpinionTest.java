package dev.viva.grader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.llm.LocalGrader;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.Api;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.grader.support.FakeUpstreams.Reply;
import dev.viva.grader.support.RecordedSpans;
import dev.viva.local.test.VivaInfrastructure;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * With {@code viva.grader.second-opinion=local} the LLM (the fake model server through the real OpenAI SDK)
 * grades every answer and the local grader, with its real embedding model, grades it again, over the real
 * broker and database: the evaluation shows both, the LLM's grade stays the grade of record, and the review
 * queue lists the answers the two disagree on with both scores.
 *
 * <p>Runs in a surefire execution of its own (see the pom): the embedding model's native tokenizer loads
 * once per JVM, and {@code LocalModeTest} loads it in the main execution.
 */
@QuarkusTest
@TestProfile(SecondOpinionTest.LocalSecondOpinion.class)
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class SecondOpinionTest {

    @Inject
    RecordedSpans spans;

    public static class LocalSecondOpinion implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("viva.grader.second-opinion", "local");
        }
    }

    /** Says next to nothing about retrieval-augmented generation, but holds every quote the model's reply gives. */
    static final String VAGUE = "I have never used it. Honestly I would just guess here: it is some kind of search, I think.";

    static String everythingCovered() {
        List<Object[]> kps = List.of(new Object[] {"indexing", "covered", List.of("some kind of search")},
                new Object[] {"retrieval", "covered", List.of("some kind of search")},
                new Object[] {"augmented-generation", "covered", List.of("I would just guess")},
                new Object[] {"why-not-fine-tuning", "covered", List.of("I have never used it")},
                new Object[] {"citations-and-access", "covered", List.of("I think")});
        return LlmGradingTest.reply(kps, Map.of("accuracy", 3, "completeness", 3, "clarity", 3, "depth", 3), List.of(), false, "");
    }

    static AnswerSubmitted grade(String team, String text, String reply) {
        AnswerSubmitted a = Answers.answer(team, Answers.QUESTION, text);
        FakeUpstreams.script(a.answerId().toString(), Reply.ok(reply));
        Answers.publish(a);
        Api.awaitEvaluation(team, a.answerId());
        return a;
    }

    @Test
    void theQueueListsAnswersTheLlmAndTheLocalGraderDisagreeOnWithBothScores() {
        String team = Answers.team();
        String token = Api.token(team, "interviewer");
        assertThat(given().auth().oauth2(token).get("/api/grader").then().statusCode(200).extract().jsonPath()
                .getString("secondOpinion")).isEqualTo("local");
        AnswerSubmitted disputed = grade(team, VAGUE, everythingCovered());
        AnswerSubmitted agreed = grade(team, ReviewTest.ANSWER, SampledGradingTest.reply(3));

        JsonPath ev = Api.awaitEvaluation(team, disputed.answerId());
        // the model claims every key point with quotes the answer holds: its grade (100) stays the grade of record
        assertThat(ev.getString("latest.grader")).isEqualTo("llm");
        assertThat(ev.getInt("latest.score")).isEqualTo(100);
        assertThat(ev.getInt("gradeOfRecord.score")).isEqualTo(100);
        assertThat(ev.getList("history")).hasSize(1);
        // the local grader, reading the answer by meaning, finds next to nothing
        assertThat(ev.getString("latest.secondOpinion.grader")).isEqualTo("local");
        assertThat(ev.getString("latest.secondOpinion.model")).startsWith(LocalGrader.NAME + " (all-MiniLM-L6-v2-q");
        assertThat(ev.getString("latest.secondOpinion.promptVersion")).isEqualTo(LocalGrader.PROMPT_VERSION);
        assertThat(ev.getString("latest.secondOpinion.status")).isEqualTo("GRADED");
        assertThat(ev.getInt("latest.secondOpinion.score")).isEqualTo(13);
        assertThat(ev.getInt("latest.secondOpinion.primaryScore")).isEqualTo(100);
        assertThat(ev.getInt("latest.secondOpinion.scoreDifference")).isEqualTo(-87);
        assertThat(ev.getDouble("latest.secondOpinion.confidence")).isBetween(0.0, 1.0);
        assertThat(ev.getInt("latest.secondOpinion.keyPoints")).isEqualTo(5);
        assertThat(ev.getInt("latest.secondOpinion.keyPointsDiffer")).isEqualTo(5);
        assertThat(ev.getDouble("latest.secondOpinion.disagreement")).isEqualTo(1.0);
        assertThat(ev.getList("latest.secondOpinion.verdicts.id")).containsExactly("indexing", "retrieval",
                "augmented-generation", "why-not-fine-tuning", "citations-and-access");
        assertThat(ev.getList("latest.secondOpinion.verdicts.primary")).containsOnly("COVERED");
        assertThat(ev.getList("latest.secondOpinion.verdicts.second")).containsExactly("MISSING", "PARTIAL", "MISSING",
                "MISSING", "MISSING");

        // one LLM call, one "second-opinion" span of the same trace as the answer's "grade" span
        assertThat(FakeUpstreams.calls(disputed.answerId().toString())).hasSize(1);
        String id = disputed.answerId().toString();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(spans.named("second-opinion", id)).hasSize(1));
        SpanData second = spans.named("second-opinion", id).get(0);
        assertThat(second.getAttributes().asMap().toString()).contains("local").contains("viva.score=13");
        assertThat(spans.named("grade", id)).singleElement().satisfies(g -> assertThat(g.getTraceId()).isEqualTo(second.getTraceId()));

        // a good answer both graders read alike: 67 and 69, the same verdict on every key point
        JsonPath fine = Api.awaitEvaluation(team, agreed.answerId());
        assertThat(fine.getInt("latest.score")).isEqualTo(67);
        assertThat(fine.getInt("latest.secondOpinion.score")).isEqualTo(69);
        assertThat(fine.getInt("latest.secondOpinion.keyPointsDiffer")).isZero();
        assertThat(fine.getList("latest.secondOpinion.verdicts.second")).containsExactly("COVERED", "COVERED", "COVERED",
                "MISSING", "MISSING");

        JsonPath q = given().auth().oauth2(token).get("/api/review-queue").then().statusCode(200).extract().jsonPath();
        assertThat(q.getList("items.answerId")).containsExactly(disputed.answerId().toString(), agreed.answerId().toString());
        assertThat(q.getList("items[0].reasons.code")).containsExactly("GRADER_DISAGREEMENT");
        assertThat(q.getString("items[0].reasons[0].detail")).isEqualTo("llm test-model gave 100, the local grader 13; they "
                + "differ on 5 of 5 key point verdicts (indexing, retrieval, augmented-generation, why-not-fine-tuning, "
                + "citations-and-access); the grade of record is llm's");
        assertThat(q.getInt("items[0].score")).isEqualTo(100);
        assertThat(q.getInt("items[0].priority")).isEqualTo(60);
        // the agreeing answer is there only for being close to 70, never for the graders
        assertThat(q.getList("items[1].reasons.code")).containsExactly("NEAR_BOUNDARY");

        // reviewed, the disputed answer leaves the queue
        ReviewTest.review(token, disputed.answerId(), "{\"action\":\"ACCEPT\"}").statusCode(201);
        assertThat(given().auth().oauth2(token).get("/api/review-queue").jsonPath().getList("items.answerId"))
                .doesNotContain(disputed.answerId().toString());
    }
}
