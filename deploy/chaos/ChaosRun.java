import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.viva.local.DevTokens;
import dev.viva.local.Directories;
import dev.viva.local.KafkaBroker;
import dev.viva.local.Ports;
import dev.viva.local.Postgres;
import dev.viva.local.ServiceProcess;

/**
 * Chaos on the packaged stack: candidates submit answers (retrying with the same Idempotency-Key until
 * they get their 202) while the grader and session-service are SIGKILLed and restarted, and the Kafka
 * broker and PostgreSQL are restarted. Then it waits for the grading to settle and prints what was
 * submitted, how many evaluations are stored, duplicates and lost answers; it exits 1 unless both of
 * the last two are 0. Its own PostgreSQL, broker and services on free loopback ports, in a temp folder.
 *
 * Run through deploy/chaos/run [ANSWERS [SECONDS]]: ANSWERS (default 1000) paced over SECONDS (default
 * 60, or the chaos.seconds property); CI runs a smaller one (deploy/e2e ChaosHarnessIT).
 */
public class ChaosRun {

    // HTTP/1.1 as curl and the browsers speak it to a plain-http port (the JDK client would try an h2c upgrade)
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    static final String TEAM = "chaos";
    static final Duration READY = Duration.ofMinutes(3);
    static final Pattern QUESTION = Pattern.compile("\"questionId\":\"([^\"]+)\"");

    Path root;
    Path work;
    Postgres postgres;
    int postgresPort;
    KafkaBroker kafka;
    ServiceProcess question;
    ServiceProcess session;
    ServiceProcess grader;
    final Map<String, String> accepted = new ConcurrentHashMap<>(); // answer id -> session id
    final AtomicInteger submitted = new AtomicInteger();
    /** Where each fault starts, in answers submitted (shares of the run). */
    static final int[] FAULTS_AT_PERCENT = {10, 25, 40, 60, 75};
    /** Counted down when a fault starts, and when it is over (its service is back, or it failed). */
    final CountDownLatch[] faultStarted = latches();
    final CountDownLatch[] faultOver = latches();
    long seconds = 60;

    public static void main(String[] args) throws Exception {
        int answers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : Long.getLong("chaos.seconds", 60);
        ChaosRun run = new ChaosRun();
        run.seconds = seconds;
        // stopped from outside (Ctrl-C, a CI timeout): the stack goes down with the run
        Thread stopper = new Thread(run::stop, "chaos-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        int exit;
        try {
            run.start();
            exit = run.run(answers);
        } finally {
            run.stop();
        }
        Runtime.getRuntime().removeShutdownHook(stopper);
        System.exit(exit);
    }

    void start() throws Exception {
        root = Path.of(System.getProperty("viva.project.root", ".")).toAbsolutePath().normalize();
        work = Files.createTempDirectory("viva-chaos-");
        postgres = Postgres.start(work.resolve("pg"), 0);
        postgresPort = postgres.port();
        kafka = KafkaBroker.start(work.resolve("kafka"), 0, 0, work.resolve("logs/kafka.log"));
        int questionPort = Ports.free();
        Map<String, String> common = ServiceProcess.sharedConfig(kafka.bootstrapServers(),
                DevTokens.writeKeyPair(work.resolve("keys")), "http://127.0.0.1:" + questionPort);
        question = service("question-service", questionPort, "questions", common).start();
        session = service("session-service", Ports.free(), "sessions", common).start();
        grader = service("grader-service", Ports.free(), "grader", common).start();
        question.awaitReady(READY);
        session.awaitReady(READY);
        grader.awaitReady(READY);
        System.out.println("CHAOS: stack up in " + work);
    }

    ServiceProcess service(String name, int port, String db, Map<String, String> common) {
        return ServiceProcess.packaged(root, name, port, common, postgres.jdbcUrl(db), Map.of(), work.resolve("logs"), "320m");
    }

    int run(int answers) throws Exception {
        List<String[]> targets = new ArrayList<>();
        for (int s = 0; targets.size() < answers; s++) {
            String token = DevTokens.mint("chaos-" + s, TEAM, "candidate");
            String body = send("POST", session.url() + "/api/sessions", token, "{\"questionCount\":5}", null);
            String id = first(body, "\"id\":\"([^\"]+)\"");
            Matcher m = QUESTION.matcher(body);
            while (m.find() && targets.size() < answers) {
                targets.add(new String[] {token, id, m.group(1)});
            }
        }
        // paced over the run's seconds (a minute by default); an answer due after the next fault's start waits
        // until the current fault is over, so every fault lands while candidates are still submitting however
        // long a restart takes on a loaded machine
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<?>> work = new ArrayList<>();
        long start = System.nanoTime();
        long interval = Duration.ofSeconds(seconds).toNanos() / answers;
        for (int i = 0; i < targets.size(); i++) {
            String[] t = targets.get(i);
            long due = start + i * interval;
            int index = i;
            work.add(clients.submit(() -> {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
                }
                awaitFaultsBefore(index, answers);
                submit(t[0], t[1], t[2]);
                return null;
            }));
        }
        Thread chaos = Thread.ofPlatform().name("chaos").start(() -> chaos(answers));
        for (Future<?> f : work) {
            f.get();
        }
        clients.shutdown();
        chaos.join();
        System.out.printf("CHAOS: %d answers submitted in %.0f s%n", submitted.get(), (System.nanoTime() - start) / 1e9);
        return settleAndCount();
    }

    static CountDownLatch[] latches() {
        return java.util.stream.IntStream.range(0, FAULTS_AT_PERCENT.length).mapToObj(i -> new CountDownLatch(1))
                .toArray(CountDownLatch[]::new);
    }

    static int faultStart(int fault, int answers) {
        return answers * FAULTS_AT_PERCENT[fault] / 100;
    }

    /**
     * The answers from fault k's start to fault k+1's are sent while fault k happens: none before it
     * starts (at exactly its share of answers submitted), none after it is over.
     */
    void awaitFaultsBefore(int index, int answers) throws InterruptedException {
        for (int k = 0; k < FAULTS_AT_PERCENT.length && index >= faultStart(k, answers); k++) {
            faultStarted[k].await();
            if (k + 1 < FAULTS_AT_PERCENT.length && index >= faultStart(k + 1, answers)) {
                faultOver[k].await();
            }
        }
    }

    /** The faults, spread over the submissions. */
    void chaos(int answers) {
        try {
            at(faultStart(0, answers));
            fault(0, "SIGKILL grader-service", () -> { grader.kill(); grader.start().awaitReady(READY); });
            at(faultStart(1, answers));
            fault(1, "SIGKILL session-service", () -> { session.kill(); session.start().awaitReady(READY); });
            at(faultStart(2, answers));
            fault(2, "restart the Kafka broker", () -> {
                kafka.close();
                kafka = KafkaBroker.start(kafka.directory(), kafka.port(), kafka.controllerPort(), work.resolve("logs/kafka.log"));
            });
            at(faultStart(3, answers));
            fault(3, "restart PostgreSQL", () -> { postgres.close(); postgres = Postgres.start(work.resolve("pg"), postgresPort); });
            at(faultStart(4, answers));
            fault(4, "SIGKILL grader-service and session-service", () -> {
                grader.kill();
                session.kill();
                session.start();
                grader.start();
                session.awaitReady(READY);
                grader.awaitReady(READY);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (int k = 0; k < FAULTS_AT_PERCENT.length; k++) {
                faultStarted[k].countDown();
                faultOver[k].countDown();
            }
        }
    }

    void at(int submittedCount) throws InterruptedException {
        while (submitted.get() < submittedCount) {
            Thread.sleep(20);
        }
    }

    interface Fault {
        void run() throws Exception;
    }

    void fault(int number, String what, Fault fault) {
        long t = System.nanoTime();
        int at = submitted.get();
        try {
            faultStarted[number].countDown();
            fault.run();
            System.out.printf("CHAOS: %s at %d answers submitted, back after %.1f s (%d submitted by then)%n", what, at,
                    (System.nanoTime() - t) / 1e9, submitted.get());
        } catch (Exception e) {
            System.out.printf("CHAOS: %s failed: %s%n", what, e);
        } finally {
            faultOver[number].countDown();
        }
    }

    /** Submits until a 202 (or the first answer back for the same key): a retry never stores twice. */
    void submit(String token, String sessionId, String questionId) {
        String key = UUID.randomUUID().toString();
        String body = "{\"questionId\":\"" + questionId + "\",\"text\":\"Attention compares queries with keys and "
                + "weighs the values; retrieval grounds the answer in documents.\"}";
        String response = send("POST", session.url() + "/api/sessions/" + sessionId + "/answers", token, body, key);
        accepted.put(first(response, "\"answerId\":\"([^\"]+)\""), sessionId);
        submitted.incrementAndGet();
    }

    /** Retries through outages for up to 5 minutes; a 4xx other than 429 is a bug and stops the run. */
    String send(String method, String url, String token, String body, String idempotencyKey) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
                if (idempotencyKey != null) {
                    b.header("Idempotency-Key", idempotencyKey);
                }
                HttpResponse<String> r = HTTP.send(b.method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201 || r.statusCode() == 202) {
                    return r.body();
                }
                if (r.statusCode() >= 400 && r.statusCode() < 500 && r.statusCode() != 429) {
                    throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
                }
                last = r.statusCode() + " " + r.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(method + " " + url + " kept failing: " + last);
    }

    /** Waits until every accepted answer is graded (or 5 minutes pass), then counts. @return the exit code */
    int settleAndCount() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Counts c = count();
        while (c.settled < accepted.size() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            c = count();
        }
        System.out.printf("CHAOS RESULT: answers submitted %d, evaluations stored %d, duplicates %d, lost %d"
                + " (graded in the report %d, dead letters %s)%n", accepted.size(), c.evaluations, c.duplicates,
                c.lost, c.settled, c.deadLetters);
        return c.duplicates == 0 && c.lost == 0 ? 0 : 1;
    }

    record Counts(int evaluations, int duplicates, int lost, int settled, String deadLetters) {
    }

    Counts count() throws Exception {
        Map<String, Integer> evaluationsPerAnswer = new HashMap<>();
        try (Connection g = DriverManager.getConnection(postgres.jdbcUrl("grader"), Postgres.USER, "");
                ResultSet rs = g.createStatement().executeQuery("SELECT answer_id::text, count(*) FROM evaluations GROUP BY answer_id")) {
            while (rs.next()) {
                evaluationsPerAnswer.put(rs.getString(1), rs.getInt(2));
            }
        }
        int settled = 0;
        int storedTwice = 0;
        Set<String> sessionSide = Collections.newSetFromMap(new ConcurrentHashMap<>());
        try (Connection s = DriverManager.getConnection(postgres.jdbcUrl("sessions"), Postgres.USER, "")) {
            try (ResultSet rs = s.createStatement().executeQuery(
                    "SELECT id::text, status FROM answers WHERE team = '" + TEAM + "'")) {
                while (rs.next()) {
                    sessionSide.add(rs.getString(1));
                    if (accepted.containsKey(rs.getString(1)) && !"PENDING".equals(rs.getString(2))) {
                        settled++;
                    }
                }
            }
            try (ResultSet rs = s.createStatement().executeQuery("SELECT count(*) FROM (SELECT idempotency_key FROM answers "
                    + "WHERE team = '" + TEAM + "' AND idempotency_key IS NOT NULL GROUP BY session_id, idempotency_key HAVING count(*) > 1) d")) {
                rs.next();
                storedTwice = rs.getInt(1);
            }
        }
        int evaluations = 0;
        int duplicates = storedTwice;
        int lost = 0;
        for (String answer : accepted.keySet()) {
            int n = evaluationsPerAnswer.getOrDefault(answer, 0);
            evaluations += n;
            duplicates += Math.max(0, n - 1);
            if (n == 0 || !sessionSide.contains(answer)) {
                lost++;
            }
        }
        return new Counts(evaluations, duplicates, lost, settled, deadLetters());
    }

    String deadLetters() {
        try {
            var dlq = new dev.viva.local.DeadLetters(kafka.bootstrapServers());
            return "answers.submitted.dlq " + dlq.list("answers.submitted.dlq").size() + ", answers.graded.dlq "
                    + dlq.list("answers.graded.dlq").size();
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    synchronized void stop() {
        for (AutoCloseable c : new AutoCloseable[] {grader, session, question, kafka, postgres}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("stopping: " + e.getMessage());
            }
        }
        if (work != null && !Boolean.getBoolean("chaos.keep")) {
            Directories.deleteQuietly(work);
        }
        grader = session = question = null;
        kafka = null;
        postgres = null;
        work = null;
    }

    static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return m.group(1);
    }
}
