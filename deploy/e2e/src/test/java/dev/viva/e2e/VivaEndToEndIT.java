package dev.viva.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.viva.e2e.OtlpReceiver.ReceivedSpan;
import dev.viva.local.DevTokens;
import dev.viva.local.Directories;
import dev.viva.local.KafkaBroker;
import dev.viva.local.Postgres;
import dev.viva.local.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Viva as a team runs it: real PostgreSQL and Kafka, the three packaged services as separate JVMs,
 * the grader talking through the OpenAI SDK to a slow OpenAI-compatible model. Candidates take
 * sessions while the grader (in the middle of gradings) and then session-service (right after it
 * accepted answers) are killed with SIGKILL and restarted; at the end every answer has exactly one
 * evaluation and none is lost. session-service and grader-service export their spans over OTLP/HTTP to
 * a small collector in the test, configured as an operator would, and one answer's trace is followed
 * from the REST call to the report update.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VivaEndToEndIT {

    private static final String TEAM = "e2e";
    private static final Duration READY = Duration.ofMinutes(3);

    private Path work;
    private Postgres postgres;
    private KafkaBroker kafka;
    private ServiceProcess question;
    private ServiceProcess session;
    private ServiceProcess grader;
    private SlowFakeModel model;
    private OtlpReceiver collector;

    private final Map<String, String> answerToSession = new LinkedHashMap<>();

    @BeforeAll
    void startSystem() throws IOException {
        Path root = Path.of(System.getProperty("viva.project.root", "../..")).toAbsolutePath().normalize();
        work = Files.createTempDirectory("viva-e2e-");
        postgres = Postgres.start(work.resolve("pg"), 0);
        kafka = KafkaBroker.start(work.resolve("kafka"), 0, 0, work.resolve("logs/kafka.log"));
        int questionPort = dev.viva.local.Ports.free();
        Map<String, String> common = ServiceProcess.sharedConfig(kafka.bootstrapServers(),
                DevTokens.writeKeyPair(work.resolve("keys")), "http://127.0.0.1:" + questionPort);
        // The grader's model: slow enough that a kill lands while gradings are in flight.
        model = new SlowFakeModel(600);
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", "e2e-not-a-real-key");
        env.put("OPENAI_BASE_URL", model.baseUrl());
        env.put("OPENAI_MODEL", "e2e-slow-model");
        // Tracing as an operator turns it on: export to an OTLP/HTTP collector.
        collector = new OtlpReceiver();
        env.put("VIVA_OTEL_EXPORT", "true");
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint());
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");

        question = service(root, "question-service", questionPort, "questions", common, env).start();
        session = service(root, "session-service", dev.viva.local.Ports.free(), "sessions", common, env).start();
        grader = service(root, "grader-service", dev.viva.local.Ports.free(), "grader", common, env).start();
        question.awaitReady(READY);
        session.awaitReady(READY);
        grader.awaitReady(READY);
    }

    private ServiceProcess service(Path root, String name, int port, String db, Map<String, String> common, Map<String, String> env) {
        return ServiceProcess.packaged(root, name, port, common, postgres.jdbcUrl(db), env, work.resolve("logs"), "320m");
    }

    @AfterAll
    void stopSystem() {
        for (AutoCloseable c : new AutoCloseable[] {grader, session, question, kafka, postgres, model, collector}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("stopping " + c + ": " + e.getMessage());
            }
        }
        Directories.deleteQuietly(work);
    }

    /**
     * One answer, one trace: the collector receives, under the trace id of session-service's REST span
     * for the submit, the grader's consumption of answers.submitted and its model call (span
     * {@code grade}), then session-service's consumption of answers.graded and the report update (span
     * {@code apply grade}); and every log line of that work in both services carries the same trace id.
     */
    @Test
    @Order(1)
    void oneAnswerIsOneTraceFromTheRestCallThroughBothKafkaHopsAndTheModelCallToTheReportUpdate() throws Exception {
        String carol = DevTokens.mint("carol", TEAM, "candidate");
        JsonPath s = startSession(carol, 1);
        String sessionId = s.getString("id");
        String answerId = submit(carol, sessionId, s.getString("questions[0].questionId"),
                "Retrieval finds the nearest chunks by embedding similarity and puts them into the prompt.");
        await().atMost(Duration.ofMinutes(1)).until(() -> report(carol, sessionId).getInt("progress.graded") == 1);

        String path = "/api/sessions/" + sessionId + "/answers";
        ReceivedSpan submit = await().atMost(Duration.ofMinutes(1)).until(() -> collector.spans().stream()
                .filter(sp -> sp.service().equals("session-service") && sp.kind().equals("SERVER")
                        && path.equals(sp.attributes().get("url.path")))
                .findFirst(), java.util.Optional::isPresent).orElseThrow();
        String traceId = submit.traceId();
        assertThat(submit.parentSpanId()).as("the submit's span starts the trace (the client sent no traceparent)").isEmpty();

        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            List<ReceivedSpan> trace = collector.ofTrace(traceId);
            assertThat(trace).as("spans of trace " + traceId)
                    .anyMatch(sp -> sp.service().equals("grader-service") && sp.kind().equals("CONSUMER")
                            && sp.name().contains("answers.submitted"))
                    .anyMatch(sp -> sp.service().equals("grader-service") && sp.name().equals("grade")
                            && answerId.equals(sp.attributes().get("viva.answer_id")))
                    .anyMatch(sp -> sp.service().equals("session-service") && sp.kind().equals("CONSUMER")
                            && sp.name().contains("answers.graded"))
                    .anyMatch(sp -> sp.service().equals("session-service") && sp.name().equals("apply grade"));
        });

        Map<String, List<String>> linesOfTheAnswer = new LinkedHashMap<>();
        for (ServiceProcess service : List.of(session, grader)) {
            List<String> lines = Files.readAllLines(service.logFile()).stream().filter(l -> l.contains(answerId)).toList();
            linesOfTheAnswer.put(service.name(), lines);
            assertThat(lines).as(service.name() + "'s log lines about answer " + answerId).isNotEmpty()
                    .allMatch(l -> l.contains("traceId=" + traceId));
        }
        System.out.printf("E2E: answer %s is trace %s: %s; log lines with it: %s%n", answerId, traceId,
                collector.ofTrace(traceId).stream().map(sp -> sp.service() + " '" + sp.name() + "'").distinct().toList(),
                linesOfTheAnswer.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size()).toList());
    }

    @Test
    @Order(2)
    void candidatesTakeSessionsWhileServicesCrashAndEveryAnswerIsGradedExactlyOnce() throws Exception {
        String alice = DevTokens.mint("alice", TEAM, "candidate");
        String bob = DevTokens.mint("bob", TEAM, "candidate");
        String interviewer = DevTokens.mint("ivan", TEAM, "interviewer");

        // 1. Alice takes a 5-question session and answers every question.
        JsonPath aliceSession = startSession(alice, 5);
        String aliceId = aliceSession.getString("id");
        List<String> questionIds = aliceSession.getList("questions.questionId");
        assertThat(questionIds).hasSize(5).doesNotHaveDuplicates();
        Map<String, String> referenceAnswers = new HashMap<>();
        for (String questionId : questionIds) {
            String reference = given().auth().oauth2(interviewer)
                    .when().get(question.url() + "/api/questions/" + questionId + "/rubric")
                    .then().statusCode(200).extract().jsonPath().getString("referenceAnswer");
            referenceAnswers.put(questionId, reference);
            submit(alice, aliceId, questionId, reference);
        }

        // 2. A second candidate cannot see the first one's session.
        given().auth().oauth2(bob).when().get(session.url() + "/api/sessions/" + aliceId).then().statusCode(404);
        given().auth().oauth2(bob).accept(ContentType.JSON)
                .when().get(session.url() + "/api/sessions/" + aliceId + "/report").then().statusCode(404);

        // 3. The grader is killed while a burst of answers is being graded, then started again. The model
        // calls are counted from before the burst: the relays publish at once, so grading starts while the
        // burst is still being submitted.
        int callsBefore = model.calls();
        for (int i = 0; i < 4; i++) {
            String candidate = DevTokens.mint("burst-" + i, TEAM, "candidate");
            JsonPath s = startSession(candidate, 5);
            for (String q : s.<String>getList("questions.questionId")) {
                submit(candidate, s.getString("id"), q, "My answer to " + q + ": attention, embeddings, retrieval and evaluation all matter here.");
            }
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> model.calls() >= callsBefore + 3);
        int storedAtKill = evaluationsPerAnswer().values().stream().mapToInt(Integer::intValue).sum();
        grader.kill();
        System.out.printf("E2E: grader killed mid-grading: %d model calls made, %d of %d answers evaluated%n",
                model.calls(), storedAtKill, answerToSession.size());
        assertThat(storedAtKill).as("evaluations stored when the grader was killed").isLessThan(answerToSession.size());
        grader.start().awaitReady(READY);

        // 4. session-service is killed right after accepting answers, then started again.
        String dave = DevTokens.mint("dave", TEAM, "candidate");
        JsonPath daveSession = startSession(dave, 5);
        for (String q : daveSession.<String>getList("questions.questionId")) {
            submit(dave, daveSession.getString("id"), q, "Dave's answer about " + q + " with some detail on trade-offs.");
        }
        session.kill();
        session.start().awaitReady(READY);

        // 5. Every answer is graded, whatever crashed on the way.
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String sessionId : new java.util.LinkedHashSet<>(answerToSession.values())) {
                JsonPath report = report(interviewer, sessionId);
                long submitted = answerToSession.values().stream().filter(sessionId::equals).count();
                assertThat(report.getInt("progress.answered")).as("answers of session " + sessionId).isEqualTo((int) submitted);
                assertThat(report.getInt("progress.graded")).as("graded answers of session " + sessionId).isEqualTo((int) submitted);
            }
        });

        // 6. Before completion the report reveals no reference answer; after completion it does.
        JsonPath before = report(alice, aliceId);
        assertThat(before.getBoolean("revealed")).isFalse();
        assertThat(before.getList("questions.referenceAnswer")).hasSize(5).containsOnlyNulls();
        given().auth().oauth2(alice).when().post(session.url() + "/api/sessions/" + aliceId + "/complete")
                .then().statusCode(200);
        JsonPath after = report(alice, aliceId);
        assertThat(after.getBoolean("revealed")).isTrue();
        assertThat(after.getList("questions")).hasSize(5);
        for (int i = 0; i < 5; i++) {
            String q = after.getString("questions[" + i + "].questionId");
            assertThat(after.getObject("questions[" + i + "].score", Integer.class)).as("score of " + q).isNotNull().isBetween(0, 100);
            assertThat(after.getString("questions[" + i + "].referenceAnswer")).isEqualTo(referenceAnswers.get(q));
        }
        assertThat(after.getObject("overallScore", Integer.class)).isBetween(0, 100);

        // 7. Exactly one evaluation per answer in the grader's database: none lost, none doubled.
        Map<String, Integer> evaluationsPerAnswer = evaluationsPerAnswer();
        long lost = answerToSession.keySet().stream().filter(a -> !evaluationsPerAnswer.containsKey(a)).count();
        long duplicates = evaluationsPerAnswer.values().stream().mapToLong(n -> n - 1).sum();
        int stored = evaluationsPerAnswer.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("E2E: answers submitted=%d, evaluations stored=%d, duplicates=%d, lost=%d%n",
                answerToSession.size(), stored, duplicates, lost);
        assertThat(lost).as("answers without an evaluation").isZero();
        assertThat(duplicates).as("answers with more than one evaluation").isZero();

        // 8. An interviewer overrides one of Alice's grades in grader-service: her report shows the new grade,
        //    marked as reviewed, and a regrade by the machine afterwards does not replace it.
        String answerId = after.getString("questions[0].answerId");
        String admin = DevTokens.mint("ada", TEAM, "admin");
        JsonPath evaluation = given().auth().oauth2(interviewer).when().get(grader.url() + "/api/evaluations/" + answerId)
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> missing = evaluation.<String>getList("latest.keyPoints.id").stream()
                .map(id -> Map.<String, Object>of("id", id, "status", "MISSING")).toList();
        List<Map<String, Object>> lowest = evaluation.<String>getList("latest.criteria.id").stream()
                .map(id -> Map.<String, Object>of("id", id, "level", 0)).toList();
        given().auth().oauth2(interviewer).contentType(ContentType.JSON)
                .body(Map.of("action", "OVERRIDE", "keyPoints", missing, "criteria", lowest, "reason", "copied the reference answer"))
                .when().post(grader.url() + "/api/evaluations/" + answerId + "/reviews")
                .then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath r = report(alice, aliceId);
            assertThat(r.getInt("questions[0].score")).isZero();
            assertThat(r.getString("questions[0].gradeSource")).isEqualTo("review");
            assertThat(r.getString("questions[0].review.reviewer")).isEqualTo("ivan");
        });
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("answerIds", List.of(answerId)))
                .when().post(grader.url() + "/api/evaluations/regrade").then().statusCode(202);
        await().atMost(Duration.ofMinutes(1)).until(() -> evaluationsPerAnswer().get(answerId) == 2);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20))
                .until(() -> report(alice, aliceId).getInt("questions[0].score") == 0);
        System.out.printf("E2E: override of a %d-point grade to 0 reached the report; a regrade left it there%n",
                evaluation.getInt("latest.score"));
    }

    private Map<String, Integer> evaluationsPerAnswer() throws java.sql.SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("grader"), Postgres.USER, "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT answer_id::text, count(*) FROM evaluations GROUP BY answer_id")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    private JsonPath startSession(String token, int count) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("questionCount", count, "title", "end-to-end"))
                .when().post(session.url() + "/api/sessions")
                .then().statusCode(201).extract().jsonPath();
    }

    private String submit(String token, String sessionId, String questionId, String text) {
        String answerId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("questionId", questionId, "text", text))
                .when().post(session.url() + "/api/sessions/" + sessionId + "/answers")
                .then().statusCode(202).extract().jsonPath().getString("answerId");
        answerToSession.put(answerId, sessionId);
        return answerId;
    }

    private JsonPath report(String token, String sessionId) {
        return given().auth().oauth2(token).accept(ContentType.JSON)
                .when().get(session.url() + "/api/sessions/" + sessionId + "/report")
                .then().statusCode(200).extract().jsonPath();
    }
}
