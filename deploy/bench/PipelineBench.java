import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.viva.local.DevTokens;

/**
 * The pipeline's overhead on a running local stack (deploy/viva up): the time from an answer's 202 to
 * its grade arriving on the session's progress stream (SSE), less the grader's own grading time as the
 * evaluation records it. That is session-service's outbox relay, Kafka, the grader's consumer, the
 * grader's outbox relay, Kafka again and session-service's consumer.
 *
 * <ol>
 * <li>capacity: 16 clients submit as fast as they can (each submit supersedes the previous answer
 * to the question, the heaviest form of the transaction) for a few seconds: the sustained submit rate;</li>
 * <li>low load: answers one at a time, a few per second;</li>
 * <li>grading capacity: a burst of 200 answers to fresh questions, graded end to end.</li>
 * <li>half load: answers paced at half the lower of the two capacities, open loop.</li>
 * </ol>
 *
 * Prints p50 and p99 of each phase. All traffic stays on loopback and the run stops by itself.
 * Run through deploy/bench/pipeline [CAPACITY_SECONDS] [LOW_ANSWERS] [HALF_SECONDS].
 */
public class PipelineBench {

    // HTTP/1.1 as browsers speak it without TLS: no h2c upgrade offered with every request
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    static final String SESSION = "http://localhost:" + env("VIVA_SESSION_PORT", "8082");
    static final String GRADER = "http://localhost:" + env("VIVA_GRADER_PORT", "8083");
    static final String TEAM = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    static final String TEXT = "Attention weighs tokens by similarity of queries and keys; retrieval grounds answers in "
            + "documents; evaluation compares outputs with references and people.";
    static final Pattern QUESTION = Pattern.compile("\"questionId\":\"([^\"]+)\"");

    /** answer id -> nanoTime its 202 arrived; answer id -> nanoTime its grade arrived on the stream */
    static final Map<String, Long> accepted = new ConcurrentHashMap<>();
    static final Map<String, Long> graded = new ConcurrentHashMap<>();
    static final ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor();
    /** milliseconds each submit took (its 202), per phase */
    static final List<Double> submitMillis = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // the setup pools are not daemons: a failed phase must still end the run
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        int capacitySeconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int lowAnswers = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int halfSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        String interviewer = DevTokens.mint("bench-interviewer", TEAM, "interviewer");

        List<String> low = paced(lowAnswers, 4.0);
        report("low load (4 answers/s)", low, interviewer);

        submitMillis.clear();
        double capacity = capacity(capacitySeconds);
        System.out.printf("capacity: %.0f submits/s sustained by 16 clients over %d s (each submit supersedes an answer);"
                + " submit latency p50 %.0f ms, p99 %.0f ms%n", capacity, capacitySeconds, pct(submitMillis, 50), pct(submitMillis, 99));
        drained(interviewer);

        // Superseded answers are never graded, so the submit capacity can exceed what the grader sustains; half
        // load is half of whichever is lower, or the grader's queue would grow for the whole phase.
        List<String> burst = paced(200, 1000.0);
        double grading = gradedRate(burst);
        System.out.printf("grading capacity: %.0f answers/s from the first 202 to the last grade on the stream"
                + " (a burst of %d answers to fresh questions)%n", grading, burst.size());
        double half = Math.min(capacity, grading) / 2;
        submitMillis.clear();
        List<String> halfLoad = paced((int) Math.max(10, half * halfSeconds), half);
        report(String.format("half load (%.0f answers/s)", half), halfLoad, interviewer);
        System.out.printf("half load: submit latency p50 %.0f ms, p99 %.0f ms%n", pct(submitMillis, 50), pct(submitMillis, 99));
        streams.shutdownNow();
        System.exit(0);
    }

    /** Waits until the grader has graded the capacity phase's last answer, so its backlog does not count in the next phase. */
    static void drained(String interviewer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(GRADER + "/api/evaluations/" + lastCapacityAnswer))
                    .header("Authorization", "Bearer " + interviewer).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                Thread.sleep(3000);
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("the grader had not caught up after 3 minutes");
    }

    static volatile String lastCapacityAnswer;

    /** Closed loop: 16 clients, each on its own session, submitting as fast as answers are accepted. */
    static double capacity(int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> work = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(16);
        AtomicLong start = new AtomicLong();
        long[] end = new long[1];
        for (int c = 0; c < 16; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                String token = DevTokens.mint("bench-cap-" + client, TEAM, "candidate");
                String session = send("POST", SESSION + "/api/sessions", token, "{\"questionCount\":5}", 201);
                String id = first(session, "\"id\":\"([^\"]+)\"");
                List<String> questions = all(session, QUESTION);
                ready.countDown();
                ready.await();
                start.compareAndSet(0, System.nanoTime());
                long stop = start.get() + TimeUnit.SECONDS.toNanos(seconds);
                for (int i = 0; System.nanoTime() < stop; i++) {
                    lastCapacityAnswer = submit(token, id, questions.get(i % questions.size()));
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        end[0] = System.nanoTime();
        pool.shutdown();
        return done.get() / ((end[0] - start.get()) / 1e9);
    }

    /** Open loop: {@code count} answers at {@code perSecond}, each to a fresh question whose session stream is open. */
    static List<String> paced(int count, double perSecond) throws Exception {
        int sessions = (count + 4) / 5;
        List<String[]> targets = Collections.synchronizedList(new ArrayList<>());
        ExecutorService setup = Executors.newFixedThreadPool(8);
        List<Future<?>> created = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String token = DevTokens.mint("bench-" + Long.toString(System.nanoTime(), 36) + "-" + s, TEAM, "candidate");
            created.add(setup.submit(() -> {
                String session = send("POST", SESSION + "/api/sessions", token, "{\"questionCount\":5}", 201);
                String id = first(session, "\"id\":\"([^\"]+)\"");
                CountDownLatch open = new CountDownLatch(1);
                streams.submit(() -> listen(id, token, open));
                open.await(10, TimeUnit.SECONDS);
                for (String q : all(session, QUESTION)) {
                    targets.add(new String[] {token, id, q});
                }
                return null;
            }));
        }
        for (Future<?> f : created) {
            f.get();
        }
        setup.shutdown();
        List<String[]> chosen = targets.subList(0, Math.min(count, targets.size()));
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<String>> ids = new ArrayList<>();
        long interval = (long) (1e9 / perSecond);
        long t0 = System.nanoTime();
        for (int i = 0; i < chosen.size(); i++) {
            long due = t0 + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String[] t = chosen.get(i);
            ids.add(senders.submit(() -> submit(t[0], t[1], t[2])));
        }
        List<String> answerIds = new ArrayList<>();
        for (Future<String> f : ids) {
            answerIds.add(f.get());
        }
        senders.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!graded.keySet().containsAll(answerIds) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return answerIds;
    }

    /** Answers graded per second, from the first one's 202 to the last one's grade on its stream. */
    static double gradedRate(List<String> answerIds) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int done = 0;
        for (String id : answerIds) {
            Long at = graded.get(id);
            first = Math.min(first, accepted.get(id));
            if (at != null) {
                last = Math.max(last, at);
                done++;
            }
        }
        return done == 0 ? Double.NaN : done / ((last - first) / 1e9);
    }

    static String submit(String token, String sessionId, String questionId) {
        long t = System.nanoTime();
        String body = send("POST", SESSION + "/api/sessions/" + sessionId + "/answers", token,
                "{\"questionId\":\"" + questionId + "\",\"text\":\"" + TEXT + "\"}", 202);
        String answerId = first(body, "\"answerId\":\"([^\"]+)\"");
        long now = System.nanoTime();
        accepted.put(answerId, now);
        submitMillis.add((now - t) / 1e6);
        return answerId;
    }

    /** Reads a session's progress stream; records when each answer's grade arrives. */
    static void listen(String sessionId, String token, CountDownLatch open) {
        Pattern answer = Pattern.compile("\"type\":\"answer-(?:graded|failed)\".*?\"answerId\":\"([^\"]+)\"");
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(SESSION + "/api/sessions/" + sessionId + "/events"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            open.countDown();
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body()))) {
                for (String line; (line = lines.readLine()) != null;) {
                    Matcher m = answer.matcher(line);
                    if (m.find()) {
                        graded.putIfAbsent(m.group(1), System.nanoTime());
                    }
                }
            }
        } catch (Exception e) {
            open.countDown();
        }
    }

    static void report(String phase, List<String> answerIds, String interviewer) {
        List<Double> endToEnd = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        List<Double> grading = new ArrayList<>();
        int missing = 0;
        for (String id : answerIds) {
            Long done = graded.get(id);
            if (done == null) {
                missing++;
                continue;
            }
            double ms = (done - accepted.get(id)) / 1e6;
            String evaluation = send("GET", GRADER + "/api/evaluations/" + id, interviewer, null, 200);
            double model = Double.parseDouble(first(evaluation, "\"latencyMs\":(\\d+)"));
            endToEnd.add(ms);
            grading.add(model);
            overhead.add(Math.max(0, ms - model));
        }
        System.out.printf("%s, %d answers%s: pipeline overhead p50 %.0f ms, p99 %.0f ms (202 to grade on the stream p50 %.0f ms,"
                + " p99 %.0f ms; grading itself p50 %.0f ms)%n", phase, answerIds.size(),
                missing == 0 ? "" : " (" + missing + " NOT GRADED within 2 min)", pct(overhead, 50), pct(overhead, 99),
                pct(endToEnd, 50), pct(endToEnd, 99), pct(grading, 50));
    }

    static double pct(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String send(String method, String url, String token, String body, int expected) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json");
            b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        }
    }

    static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return m.group(1);
    }

    static List<String> all(String text, Pattern pattern) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
