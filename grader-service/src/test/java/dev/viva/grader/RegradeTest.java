package dev.viva.grader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.GraderKind;
import dev.viva.grader.domain.Lease;
import dev.viva.grader.domain.LeaseLostException;
import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.service.EvaluationFactory;
import dev.viva.grader.service.EvaluationStore;
import dev.viva.grader.service.GradingService;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.Api;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.local.test.VivaInfrastructure;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Regrades take the same durable, leased path as every grading: a request row that outlives the
 * instance that took it, graded under the answer's lease, so a regrade and a Kafka grading of one answer
 * never overlap and nothing is graded twice.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
class RegradeTest {

    @Inject
    DataSource dataSource;

    @Inject
    GradingService grading;

    @Inject
    EvaluationStore store;

    @Inject
    EvaluationFactory factory;

    @Test
    void aRegradeTakenByAnInstanceThatDiedIsGradedOnceItsLeaseRunsOut() throws Exception {
        String team = Answers.team();
        AnswerSubmitted a = Answers.publish(Answers.answer(team, Answers.QUESTION, "Chunks are embedded and retrieved."));
        String first = Api.awaitEvaluation(team, a.answerId()).getString("latest.id");
        // what a restart finds after an instance died mid-regrade: the request taken once, the answer's
        // lease held by the dead worker for two more seconds
        UUID request = UUID.randomUUID();
        sql("INSERT INTO regrade_requests (id, answer_id, team, attempts, next_attempt_at) "
                + "VALUES (?::uuid, ?::uuid, ?, 1, now() + interval '2 seconds')", request, a.answerId(), team);
        sql("UPDATE answers SET claim_until = now() + interval '2 seconds', claim_token = gen_random_uuid() "
                + "WHERE answer_id = ?::uuid", a.answerId());

        await().atMost(Duration.ofSeconds(30)).until(() -> history(team, a.answerId()).size() == 2);

        JsonPath ev = evaluation(team, a.answerId());
        assertThat(ev.getString("latest.regradeOf")).isEqualTo(first);
        assertThat(query("SELECT evaluation_id::text FROM regrade_requests WHERE id = ?::uuid AND done_at IS NOT NULL", request))
                .isEqualTo(ev.getString("latest.id"));
        assertThat(FakeUpstreams.calls(a.answerId().toString())).hasSize(2);
    }

    @Test
    void aRegradeAskedForWhileTheKafkaGradingRunsWaitsForItsLeaseAndNothingIsGradedTwice() throws Exception {
        String team = Answers.team();
        AnswerSubmitted a = Answers.answer(team, Answers.QUESTION, "Chunks are embedded and the nearest are retrieved.");
        FakeUpstreams.script(a.answerId().toString(),
                FakeUpstreams.Reply.ok(FakeUpstreams.defaultReplyFor(Answers.QUESTION, a.answerText())).delayed(1_500));
        Answers.publish(a);
        await().atMost(Duration.ofSeconds(30)).until(() -> "leased".equals(query(
                "SELECT 'leased' FROM answers WHERE answer_id = ?::uuid AND claim_until > now()", a.answerId())));

        given().auth().oauth2(Api.token(team, "admin")).contentType("application/json")
                .body("{\"answerIds\":[\"" + a.answerId() + "\"]}")
                .when().post("/api/evaluations/regrade").then().statusCode(202);
        // a redelivery of the original record meanwhile finds the answer graded
        assertThat(grading.handle(Answers.json(a))).isEqualTo(GradingService.Outcome.DUPLICATE);

        await().atMost(Duration.ofSeconds(30)).until(() -> query(
                "SELECT 'done' FROM regrade_requests WHERE answer_id = ?::uuid AND done_at IS NOT NULL", a.answerId()) != null);
        List<Map<String, Object>> history = history(team, a.answerId());
        assertThat(history).hasSize(2);
        assertThat(history.get(1).get("regradeOf")).as("the first grading").isNull();
        assertThat(history.get(0).get("regradeOf")).as("the regrade replaces it").isEqualTo(history.get(1).get("id"));
        assertThat(FakeUpstreams.calls(a.answerId().toString())).hasSize(2);
    }

    @Test
    void aGradingWhoseLeaseRanOutAndWasTakenOverStoresNothingAndLeavesTheNewLeaseAlone() throws Exception {
        String team = Answers.team();
        AnswerSubmitted a = Answers.answer(team, Answers.QUESTION, "Chunks are embedded.");
        Lease stale = store.claim(a, Duration.ofSeconds(1)).orElseThrow().lease();
        await().atMost(Duration.ofSeconds(10)).until(() -> query(
                "SELECT 'expired' FROM answers WHERE answer_id = ?::uuid AND claim_until < now()", a.answerId()) != null);
        Lease current = store.claim(a, Duration.ofSeconds(60)).orElseThrow().lease();

        var built = factory.build(store.answer(a.answerId()), null, new GradeAttempt(GraderKind.LLM, "test-model", "p1",
                Map.of(), null, "stale", null, 0, 0, 0, 0, 1, null), a.answerText());
        assertThatThrownBy(() -> store.save(built.evaluation(), built.event(), stale, null)).isInstanceOf(LeaseLostException.class);
        assertThat(store.release(stale)).isFalse();

        assertThat(query("SELECT claim_token::text FROM answers WHERE answer_id = ?::uuid AND claim_until > now()", a.answerId()))
                .isEqualTo(current.token().toString());
        assertThat(query("SELECT count(*)::text FROM evaluations WHERE answer_id = ?::uuid", a.answerId())).isEqualTo("0");
        assertThat(store.release(current)).isTrue();
    }

    private static JsonPath evaluation(String team, UUID answerId) {
        return given().auth().oauth2(Api.token(team, "interviewer")).get("/api/evaluations/{id}", answerId).jsonPath();
    }

    private static List<Map<String, Object>> history(String team, UUID answerId) {
        JsonPath ev = evaluation(team, answerId);
        List<Map<String, Object>> history = ev.getList("history");
        return history == null ? List.of() : history;
    }

    private void sql(String statement, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i].toString());
            }
            s.executeUpdate();
        }
    }

    private String query(String statement, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i].toString());
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
