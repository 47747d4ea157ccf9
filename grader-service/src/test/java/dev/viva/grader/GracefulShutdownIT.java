package dev.viva.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.local.DevTokens;
import dev.viva.local.Directories;
import dev.viva.local.KafkaBroker;
import dev.viva.local.Ports;
import dev.viva.local.Postgres;
import dev.viva.local.ProcessTree;
import dev.viva.local.ServiceProcess;
import dev.viva.local.test.TopicOffsets;
import dev.viva.local.test.VivaInfrastructure;

/**
 * The packaged grader-service, as it runs in production, is stopped gracefully (SIGTERM, as by
 * {@code deploy/viva down} or a Kubernetes rollout) while it grades a backlog through the real broker and
 * PostgreSQL, against a slow OpenAI-compatible model: the gradings in flight finish, two that take longer
 * than the grace period are cut off, nothing reaches the dead-letter topic, and after the restart every
 * answer is graded exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulShutdownIT {

    private static final int ANSWERS = 24;
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration READY = Duration.ofMinutes(2);

    private Path work;
    private KafkaBroker kafka;
    private Postgres postgres;
    private ServiceProcess grader;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("viva-grader-stop-");
        // the two servers start side by side: this JVM runs no other test that would have started them
        java.util.concurrent.CompletableFuture<KafkaBroker> broker =
                java.util.concurrent.CompletableFuture.supplyAsync(VivaInfrastructure::kafka);
        postgres = VivaInfrastructure.postgres();
        kafka = broker.join();
        postgres.createDatabases(List.of("grader"));
        Map<String, String> upstreams = new FakeUpstreams().start();
        FakeUpstreams.defaultDelayMs = 1500; // a slow model: several gradings are always in flight

        Map<String, String> properties = new HashMap<>(ServiceProcess.sharedConfig(kafka.bootstrapServers(),
                DevTokens.writeKeyPair(work.resolve("keys")), upstreams.get("quarkus.rest-client.question-service.url")));
        properties.putAll(upstreams);
        properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl("grader"));
        properties.put("viva.grader.max-in-flight", "8");
        properties.put("viva.messaging.shutdown-grace", GRACE.toSeconds() + "s");
        Map<String, String> environment = new HashMap<>();
        for (String variable : List.of("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL")) {
            environment.put(variable, null); // only the fake model, whatever the machine has set
        }
        grader = new ServiceProcess("grader-service", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath(),
                Ports.free(), properties, environment, work.resolve("grader-service.log"), "384m");
        grader.start().awaitReady(READY);
    }

    @AfterAll
    void stop() {
        FakeUpstreams.defaultDelayMs = 0;
        if (grader != null) {
            grader.close();
            try {
                // kept for a look after the run: the stop's and the restart's log lines
                Files.copy(grader.logFile(), Path.of("target/graceful-shutdown-it-grader.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                System.err.println("keeping the grader's log: " + e);
            }
        }
        Directories.deleteQuietly(work);
    }

    @Test
    void aGracefulStopWithGradingsInFlightLosesNothingAndGradesNothingTwice() throws Exception {
        long dlqBefore = TopicOffsets.records(kafka.bootstrapServers(), "answers.submitted.dlq");
        List<AnswerSubmitted> answers = new ArrayList<>();
        // Two answers whose model call outlasts the grace period: the stop cuts them off.
        List<AnswerSubmitted> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            AnswerSubmitted a = Answers.answer(Answers.team(), Answers.QUESTION, "Slow answer " + i
                    + ": retrieval finds the nearest chunks by embedding similarity and the model answers from them.");
            FakeUpstreams.script(a.answerId().toString(), FakeUpstreams.Reply.ok(
                    FakeUpstreams.defaultReplyFor(Answers.QUESTION, a.answerText())).delayed(GRACE.toMillis() * 4));
            slow.add(a);
        }
        answers.addAll(slow);
        for (int i = 0; i < ANSWERS - slow.size(); i++) {
            answers.add(Answers.answer(Answers.team(), Answers.QUESTION, "Answer " + i
                    + ": a RAG system embeds the question, retrieves similar chunks and grounds the reply in them."));
        }
        publish(answers);

        // Stop once both slow gradings have called the model and a few others are done: gradings are in
        // flight and a backlog waits.
        await().atMost(Duration.ofMinutes(1)).until(() -> slow.stream().allMatch(a -> !FakeUpstreams.calls(a.answerId().toString()).isEmpty())
                && evaluations(answers).size() >= 4);
        int callsAtStop = FakeUpstreams.TOTAL_CALLS.get();
        long stopping = System.nanoTime();
        ProcessTree.stop(ProcessHandle.of(grader.pid()).orElseThrow(), Duration.ofSeconds(60));
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;

        Map<UUID, Integer> afterStop = evaluations(answers);
        System.out.printf("GRACEFUL STOP: SIGTERM after %d model calls; %d of %d answers evaluated once it exited, %d ms later%n",
                callsAtStop, afterStop.size(), ANSWERS, stopMillis);
        assertThat(TopicOffsets.records(kafka.bootstrapServers(), "answers.submitted.dlq")).as("records dead-lettered by the stop").isEqualTo(dlqBefore);
        assertThat(afterStop).as("evaluations of the answers cut off by the stop").doesNotContainKeys(
                slow.stream().map(AnswerSubmitted::answerId).toArray(UUID[]::new));
        assertThat(afterStop.size()).as("answers left for after the restart").isLessThan(ANSWERS);
        assertThat(afterStop.values()).as("evaluations per answer").containsOnly(1);

        grader.start().awaitReady(READY);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> evaluations(answers).size() == ANSWERS);

        Map<UUID, Integer> evaluated = evaluations(answers);
        assertThat(evaluated.values()).as("evaluations per answer").containsOnly(1);
        assertThat(gradedEvents(answers)).as("answers with an AnswerGraded GRADED event")
                .containsExactlyInAnyOrderElementsOf(answers.stream().map(AnswerSubmitted::answerId).toList());
        assertThat(TopicOffsets.records(kafka.bootstrapServers(), "answers.submitted.dlq")).as("records dead-lettered").isEqualTo(dlqBefore);
        for (AnswerSubmitted a : slow) {
            assertThat(FakeUpstreams.calls(a.answerId().toString())).as("model calls for a grading cut off by the stop")
                    .hasSize(2);
        }

        // A stop with nothing in flight commits every offset: nothing is graded again after the next start.
        ProcessTree.stop(ProcessHandle.of(grader.pid()).orElseThrow(), Duration.ofSeconds(60));
        assertThat(TopicOffsets.uncommitted(kafka.bootstrapServers(), "answers.submitted", "grader-service")).as("records not committed after a clean stop").isZero();
        System.out.printf("GRACEFUL STOP: after the restart %d answers evaluated once each, dead letters 0, all offsets committed%n",
                evaluated.size());
    }

    private void publish(List<AnswerSubmitted> answers) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (AnswerSubmitted a : answers) {
                producer.send(new ProducerRecord<>("answers.submitted", a.sessionId().toString(), Answers.json(a))).get();
            }
        }
    }

    /** Evaluations stored per answer, for the given answers. */
    private Map<UUID, Integer> evaluations(List<AnswerSubmitted> answers) throws Exception {
        Set<UUID> ids = new HashSet<>(answers.stream().map(AnswerSubmitted::answerId).toList());
        Map<UUID, Integer> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("grader"), Postgres.USER, "");
                ResultSet rs = c.createStatement().executeQuery("SELECT answer_id, count(*) FROM evaluations GROUP BY answer_id")) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                if (ids.contains(id)) {
                    counts.put(id, rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** The answers among the given ones with a GRADED event on answers.graded (each once, however often sent). */
    private Set<UUID> gradedEvents(List<AnswerSubmitted> answers) throws Exception {
        Set<UUID> ids = new HashSet<>(answers.stream().map(AnswerSubmitted::answerId).toList());
        Set<UUID> graded = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, String> r : readAll("answers.graded")) {
                JsonNode event = Answers.JSON.readTree(r.value());
                UUID id = UUID.fromString(event.path("answerId").asText());
                if (ids.contains(id) && "GRADED".equals(event.path("status").asText())) {
                    graded.add(id);
                }
            }
            return graded.size() == ids.size();
        });
        return graded;
    }

    private List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = TopicOffsets.consumer(kafka.bootstrapServers())) {
            List<TopicPartition> partitions = TopicOffsets.partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }
}
