package dev.viva.session;

import static dev.viva.session.Viva.answer;
import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
@WithTestResource(QuestionServiceStub.class)
class OutboxPublishingTest {

    @Test
    void aSubmittedAnswerIsPublishedKeyedBySessionAsTheContractSays() throws Exception {
        String team = unique("team");
        String subject = unique("ann");
        String token = candidate(subject, team);
        Map<String, Object> session = newSession(token, 2);
        String sessionId = session.get("id").toString();
        String answerId = answer(token, sessionId, questionId(session, 1), "Use a covering index for that query.");

        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> withAnswerId(Viva.readAll("answers.submitted"), answerId), found -> found.size() == 1)
                .get(0);

        assertThat(record.key()).isEqualTo(sessionId);
        JsonNode event = Viva.JSON.readTree(record.value());
        assertThat(Schemas.violations("answer-submitted.v1.schema.json", event)).isEmpty();
        assertThat(event.get("schemaVersion").intValue()).isEqualTo(1);
        assertThat(event.get("sessionId").asText()).isEqualTo(sessionId);
        assertThat(event.get("team").asText()).isEqualTo(team);
        assertThat(event.get("candidate").asText()).isEqualTo(subject);
        assertThat(event.get("questionId").asText()).isEqualTo(questionId(session, 1));
        assertThat(event.get("rubricVersion").intValue()).isEqualTo(2);
        assertThat(event.get("prompt").asText()).startsWith("Question 2 about");
        assertThat(event.get("answerText").asText()).isEqualTo("Use a covering index for that query.");
    }

    static List<ConsumerRecord<String, String>> withAnswerId(List<ConsumerRecord<String, String>> records, String answerId) {
        return records.stream().filter(r -> r.value().contains("\"answerId\":\"" + answerId + "\"")).toList();
    }
}
