package dev.viva.session;

import static dev.viva.session.Viva.answer;
import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.unique;
import static org.assertj.core.api.Assertions.assertThat;
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

    @Inject
    DataSource dataSource;

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
        assertThat(header(record, "eventId")).isEqualTo(event.get("eventId").asText());
        assertThat(header(record, "eventType")).isEqualTo("AnswerSubmitted");
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

    @Test
    void unsentRowsLeftByAnyInstanceArePublishedAndARowLockedElsewhereHoldsUpNothing() throws Exception {
        String lockedMarker = unique("locked");
        String freeMarker = unique("free");
        try (Connection holder = dataSource.getConnection()) {
            // both rows become due in 2 s; by then the first is locked by "another relay instance"
            UUID locked = insertOutboxRow(lockedMarker);
            UUID free = insertOutboxRow(freeMarker);
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT id FROM outbox WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, locked);
                lock.executeQuery().close();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> sentAt(free) != null);
            assertThat(sentAt(locked)).isNull();
            assertThat(withMarker(Viva.readAll("answers.submitted"), freeMarker)).hasSize(1);
            holder.commit();
            await().atMost(Duration.ofSeconds(30)).until(() -> sentAt(locked) != null);
        }
        assertThat(withMarker(Viva.readAll("answers.submitted"), lockedMarker)).hasSize(1);
    }

    private UUID insertOutboxRow(String marker) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO outbox (id, topic, message_key, payload, created_at, next_attempt_at) "
                        + "VALUES (?, 'answers.submitted', ?, ?, now(), now() + interval '2 seconds')")) {
            s.setObject(1, id);
            s.setString(2, UUID.randomUUID().toString());
            s.setString(3, "{\"marker\":\"" + marker + "\"}");
            s.executeUpdate();
        }
        return id;
    }

    private Object sentAt(UUID id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT sent_at FROM outbox WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    private static List<ConsumerRecord<String, String>> withMarker(List<ConsumerRecord<String, String>> records, String marker) {
        return records.stream().filter(r -> r.value().contains(marker)).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<ConsumerRecord<String, String>> withAnswerId(List<ConsumerRecord<String, String>> records, String answerId) {
        return records.stream().filter(r -> r.value().contains("\"answerId\":\"" + answerId + "\"")).toList();
    }
}
