package dev.viva.session;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.viva.local.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** What the tests do over and over: tokens, sessions, answers, and Kafka records in and out. */
final class Viva {

    static final ObjectMapper JSON = new ObjectMapper();

    private Viva() {
    }

    /** A unique name per test, so tests sharing one database never see each other's data. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String candidate(String subject, String team) {
        return DevTokens.mint(subject, team, "candidate");
    }

    static String interviewer(String subject, String team) {
        return DevTokens.mint(subject, team, "interviewer");
    }

    static String admin(String subject, String team) {
        return DevTokens.mint(subject, team, "admin");
    }

    static ValidatableResponse createSession(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/sessions").then();
    }

    /** Starts a session with {@code count} questions and returns its JSON. */
    static Map<String, Object> newSession(String token, int count) {
        return createSession(token, "{\"questionCount\":" + count + "}").statusCode(201).extract().jsonPath().getMap("");
    }

    @SuppressWarnings("unchecked")
    static String questionId(Map<String, Object> session, int index) {
        return ((List<Map<String, Object>>) session.get("questions")).get(index).get("questionId").toString();
    }

    static ValidatableResponse submit(String token, Object sessionId, String questionId, String text) {
        ObjectNode body = JSON.createObjectNode().put("questionId", questionId).put("text", text);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body.toString())
                .when().post("/api/sessions/{id}/answers", sessionId).then();
    }

    static String answer(String token, Object sessionId, String questionId, String text) {
        return submit(token, sessionId, questionId, text).statusCode(202).extract().path("answerId");
    }

    static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    static void produce(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Producing to " + topic + " failed", e);
        }
    }

    /** Every record currently on the topic (all partitions, from the beginning). */
    static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(20));
            Instant deadline = Instant.now().plusSeconds(20);
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(10)) < end.get(p))
                    && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** An AnswerGraded event (answer-graded.v1) for an answer, GRADED with the given score. */
    static ObjectNode graded(String sessionId, String answerId, String team, String questionId, int score) {
        ObjectNode e = JSON.createObjectNode();
        e.put("schemaVersion", 1);
        e.put("eventId", UUID.randomUUID().toString());
        e.put("evaluationId", UUID.randomUUID().toString());
        e.put("answerId", answerId);
        e.put("sessionId", sessionId);
        e.put("team", team);
        e.put("questionId", questionId);
        e.put("rubricVersion", 1);
        e.put("status", "GRADED");
        e.put("score", score);
        e.put("grader", "local");
        e.put("model", "local-grader 1.0");
        ArrayNode criteria = e.putArray("criteria");
        criteria.addObject().put("id", "accuracy").put("name", "Accuracy").put("level", 2).put("maxLevel", 3);
        criteria.addObject().put("id", "clarity").put("name", "Clarity").put("level", 3).put("maxLevel", 3);
        ArrayNode kps = e.putArray("keyPoints");
        kps.addObject().put("id", "kp1").put("text", "Explains <b>visibility</b> guarantees").put("required", true).put("status", "COVERED");
        kps.addObject().put("id", "kp2").put("text", "Mentions happens-before").put("required", false).put("status", "PARTIAL");
        kps.addObject().put("id", "kp3").put("text", "Secret missed point about fences").put("required", false).put("status", "MISSING");
        e.putArray("redFlags").add("Claims volatile makes ++ atomic");
        e.put("injectionSuspected", false);
        e.putArray("strengths").add("Clear structure & <good> examples");
        e.putArray("improvements").add("Discuss memory fences");
        e.put("referenceAnswer", "The secret reference answer text");
        e.putNull("failureReason");
        e.put("gradedAt", Instant.now().toString());
        return e;
    }

    /** An answer-graded.v2 machine grade with the given per-answer revision. */
    static ObjectNode gradedV2(String sessionId, String answerId, String team, String questionId, int score, int revision) {
        ObjectNode e = graded(sessionId, answerId, team, questionId, score);
        e.put("schemaVersion", 2);
        e.put("gradeSource", "machine");
        e.putNull("review");
        e.put("revision", revision);
        e.put("confidence", 0.7);
        e.putArray("followUps").add("How do fences relate to volatile?");
        return e;
    }

    /** An interviewer's review of {@code machine} (a v2 event) as the grader publishes it. */
    static ObjectNode reviewed(ObjectNode machine, int score, int revision, String reviewer) {
        ObjectNode e = machine.deepCopy();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("score", score);
        e.put("status", "GRADED");
        e.putNull("failureReason");
        e.put("gradeSource", "review");
        e.put("revision", revision);
        e.putNull("confidence");
        String at = Instant.now().toString();
        e.put("gradedAt", at);
        e.putObject("review").put("reviewId", UUID.randomUUID().toString()).put("reviewer", reviewer).put("reviewedAt", at)
                .put("action", "OVERRIDE").put("machineScore", machine.path("score").isNumber() ? machine.path("score").asInt() : null)
                .put("comment", "You did cover <happens-before>.").put("reason", "Grader missed a paraphrase");
        return e;
    }

    static void publishGraded(ObjectNode event) {
        produce("answers.graded", event.get("sessionId").asText(), event.toString());
    }
}
