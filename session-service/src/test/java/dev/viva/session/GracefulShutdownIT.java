package dev.viva.session;

import static dev.viva.session.Viva.answer;
import static dev.viva.session.Viva.candidate;
import static dev.viva.session.Viva.newSession;
import static dev.viva.session.Viva.questionId;
import static dev.viva.session.Viva.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.viva.local.DevTokens;
import dev.viva.local.Directories;
import dev.viva.local.KafkaBroker;
import dev.viva.local.Ports;
import dev.viva.local.Postgres;
import dev.viva.local.ProcessTree;
import dev.viva.local.ServiceProcess;
import dev.viva.local.test.TopicOffsets;
import dev.viva.local.test.VivaInfrastructure;
import io.restassured.RestAssured;

/**
 * The packaged session-service is stopped gracefully (SIGTERM) while it applies a backlog of grades from
 * the real broker to the real PostgreSQL: nothing reaches {@code answers.graded.dlq}, and after the
 * restart every event is applied once and every answer shows its latest grade.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulShutdownIT {

    private static final int SESSIONS = 4;
    private static final int QUESTIONS = 5;
    private static final int REVISIONS = 20;
    private static final Duration READY = Duration.ofMinutes(2);

    private Path work;
    private KafkaBroker kafka;
    private Postgres postgres;
    private QuestionServiceStub questions;
    private ServiceProcess session;

    @BeforeAll
    void start() throws java.io.IOException {
        work = Files.createTempDirectory("viva-session-stop-");
        // the two servers start side by side: this JVM runs no other test that would have started them
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(VivaInfrastructure::kafka);
        postgres = VivaInfrastructure.postgres();
        kafka = broker.join();
        postgres.createDatabases(List.of("sessions"));
        questions = new QuestionServiceStub();
        Map<String, String> stub = questions.start();
        Map<String, String> properties = new HashMap<>(ServiceProcess.sharedConfig(kafka.bootstrapServers(),
                DevTokens.writeKeyPair(work.resolve("keys")), stub.get("quarkus.rest-client.question-service.url")));
        properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl("sessions"));
        session = new ServiceProcess("session-service", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath(),
                Ports.free(), properties, Map.of(), work.resolve("session-service.log"), "384m");
        session.start().awaitReady(READY);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = session.port();
    }

    @AfterAll
    void stop() {
        RestAssured.reset();
        if (session != null) {
            session.close();
            try {
                Files.copy(session.logFile(), Path.of("target/graceful-shutdown-it-session.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                System.err.println("keeping the service's log: " + e);
            }
        }
        if (questions != null) {
            questions.stop();
        }
        Directories.deleteQuietly(work);
    }

    @Test
    void aGracefulStopWhileGradesAreAppliedLosesNothing() throws Exception {
        String team = unique("team");
        List<String[]> answers = new ArrayList<>(); // sessionId, answerId, questionId
        for (int s = 0; s < SESSIONS; s++) {
            String token = candidate(unique("cand"), team);
            Map<String, Object> created = newSession(token, QUESTIONS);
            String sessionId = created.get("id").toString();
            for (int q = 0; q < QUESTIONS; q++) {
                String questionId = questionId(created, q);
                answers.add(new String[] {sessionId, answer(token, sessionId, questionId, "Answer " + q), questionId});
            }
        }
        // Every answer gets REVISIONS machine grades, each a later revision than the one before: each one
        // is applied (none is a no-op), and the last one is what the answer must show in the end.
        List<ObjectNode> events = new ArrayList<>();
        for (int r = 1; r <= REVISIONS; r++) {
            for (String[] a : answers) {
                events.add(Viva.gradedV2(a[0], a[1], team, a[2], score(r), r));
            }
        }
        long dlqBefore = TopicOffsets.records(kafka.bootstrapServers(), "answers.graded.dlq");
        publish(events);
        List<UUID> eventIds = events.stream().map(e -> UUID.fromString(e.get("eventId").asText())).toList();

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() -> processed(eventIds) >= answers.size());
        long stopping = System.nanoTime();
        ProcessTree.stop(ProcessHandle.of(session.pid()).orElseThrow(), Duration.ofSeconds(60));
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        int processedAtStop = processed(eventIds);
        System.out.printf("GRACEFUL STOP: %d of %d grades applied when session-service exited, %d ms after SIGTERM%n",
                processedAtStop, events.size(), stopMillis);
        assertThat(TopicOffsets.records(kafka.bootstrapServers(), "answers.graded.dlq")).as("records dead-lettered by the stop").isEqualTo(dlqBefore);
        assertThat(processedAtStop).as("grades left for after the restart").isLessThan(events.size());

        session.start().awaitReady(READY);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> processed(eventIds) == events.size());
        for (String[] a : answers) {
            assertThat(grade(a[1])).as("status, score and revision of answer " + a[1])
                    .isEqualTo("GRADED " + score(REVISIONS) + " " + REVISIONS);
        }
        assertThat(TopicOffsets.records(kafka.bootstrapServers(), "answers.graded.dlq")).as("records dead-lettered").isEqualTo(dlqBefore);

        ProcessTree.stop(ProcessHandle.of(session.pid()).orElseThrow(), Duration.ofSeconds(60));
        assertThat(TopicOffsets.uncommitted(kafka.bootstrapServers(), "answers.graded", "session-service")).as("records not committed after a clean stop").isZero();
        System.out.printf("GRACEFUL STOP: after the restart all %d grades applied once, dead letters 0, all offsets committed%n",
                events.size());
    }

    private static int score(int revision) {
        return 40 + revision * 2;
    }

    private void publish(List<ObjectNode> events) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (ObjectNode e : events) {
                producer.send(new ProducerRecord<>("answers.graded", e.get("sessionId").asText(), e.toString()));
            }
            producer.flush();
        }
    }

    private Connection db() throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl("sessions"), Postgres.USER, "");
    }

    private int processed(List<UUID> eventIds) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM processed_events WHERE event_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private String grade(String answerId) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT status, score, grade_revision FROM answers WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(answerId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + " " + rs.getObject(2) + " " + rs.getObject(3) : "missing";
            }
        }
    }
}
