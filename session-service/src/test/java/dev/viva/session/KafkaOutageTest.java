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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class KafkaOutageTest {

    @Inject
    DataSource dataSource;

    @Test
    void answersSubmittedWhileKafkaIsDownArriveExactlyOnceWhenItReturns() {
        assertThat(VivaInfrastructure.broker()).as("the test broker is ours to stop").isNotNull();
        String team = unique("team");
        String token = candidate(unique("ann"), team);
        Map<String, Object> session = newSession(token, 4);
        String sessionId = session.get("id").toString();
        List<String> answerIds = new ArrayList<>();

        VivaInfrastructure.stopKafka();
        try {
            for (int i = 0; i < 4; i++) {
                answerIds.add(answer(token, sessionId, questionId(session, i), "Answer " + i + " written while Kafka is away"));
            }
            // replacing an answer whose submission could not be sent publishes only the new one: the replaced
            // one is never graded (dropped by the submit if unsent, or by the relay before its retry if the relay
            // held it then; a submission already on its way when the answer is replaced is graded and ignored)
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(answerIds.get(0)) > 0);
            answerIds.add(answer(token, sessionId, questionId(session, 0), "Second thoughts on answer 0"));
            // the service stays ready: answers are still accepted
            given().when().get("/q/health/ready").then().statusCode(200);
        } finally {
            VivaInfrastructure.startKafkaAgain();
        }

        await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> all = Viva.readAll("answers.submitted");
            for (String answerId : answerIds.subList(1, answerIds.size())) {
                assertThat(OutboxPublishingTest.withAnswerId(all, answerId)).as("records of answer %s", answerId).hasSize(1);
            }
        });
        assertThat(OutboxPublishingTest.withAnswerId(Viva.readAll("answers.submitted"), answerIds.get(0)))
                .as("the replaced answer is not sent for grading").isEmpty();

        // the consumer is back as well: a grading event is applied again
        String answerId = answerIds.get(1);
        Viva.publishGraded(Viva.graded(sessionId, answerId, team, questionId(session, 1), 64));
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> given().auth().oauth2(token)
                .when().get("/api/sessions/{id}/report", sessionId).then().statusCode(200)
                .body("questions[1].score", equalTo(64)));
    }

    /** The send attempts of the answer's submission so far (0 when its outbox row is gone). */
    private int attempts(String answerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT coalesce(max(attempts), 0) FROM outbox WHERE payload::jsonb ->> 'answerId' = ?")) {
            s.setString(1, answerId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
