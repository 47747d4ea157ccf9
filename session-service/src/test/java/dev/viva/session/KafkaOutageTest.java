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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
            // replacing an answer during the outage publishes only the new one: the replaced one is never graded
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
}
