package dev.viva.session;

import static dev.viva.session.Viva.answer;
import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import dev.viva.session.event.AnswerGradedParser;
import dev.viva.session.service.GradingService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A new answer that supersedes one whose grade is being applied at that very moment: the submit waits
 * for the grade's transaction instead of failing its version check, so the candidate gets a 202, the
 * old answer keeps its grade, and the new one is pending.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class SupersedeWhileGradingTest {

    @Inject
    GradingService grading;

    @Inject
    AnswerGradedParser parser;

    @Inject
    DataSource dataSource;

    @Test
    void aSubmitRacingTheGradeOfTheAnswerItSupersedesIsAcceptedAndBothChangesStay() throws Exception {
        String team = unique("team");
        String token = candidate(unique("ann"), team);
        Map<String, Object> session = newSession(token, 2);
        String sessionId = session.get("id").toString();
        String question = questionId(session, 0);
        String first = answer(token, sessionId, question, "A first attempt at the answer.");
        var event = parser.parse(Viva.graded(sessionId, first, team, question, 77).toString());

        CompletableFuture<Response> submit;
        QuarkusTransaction.begin();
        try {
            // the grade is applied but not yet committed when the superseding answer arrives
            assertThat(grading.apply(event)).isTrue();
            submit = CompletableFuture.supplyAsync(() -> given().auth().oauth2(token)
                    .contentType("application/json")
                    .body("{\"questionId\":\"" + question + "\",\"text\":\"Second thoughts, a better answer.\"}")
                    .when().post("/api/sessions/{id}/answers", sessionId));
            await().atMost(Duration.ofSeconds(20)).until(this::aSubmitWaitsForARowLock);
        } finally {
            QuarkusTransaction.commit();
        }

        Response response = submit.get();
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        String second = response.path("answerId");
        assertThat(second).isNotEqualTo(first);
        given().auth().oauth2(token).when().get("/api/sessions/{id}/report", sessionId).then().statusCode(200)
                .body("questions[0].answerId", equalTo(second))
                .body("questions[0].status", equalTo("PENDING"));
        assertThat(answerRow(first)).isEqualTo("GRADED 77 false");
    }

    private boolean aSubmitWaitsForARowLock() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private String answerRow(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT status, score, is_current FROM answers WHERE id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1) + " " + rs.getInt(2) + " " + rs.getBoolean(3);
            }
        }
    }
}
