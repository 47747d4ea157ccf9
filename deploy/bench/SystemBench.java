import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.viva.local.DevTokens;

/**
 * Load on a running local stack (deploy/viva up): candidates start sessions and submit answers
 * concurrently; prints the submit latency (the 202 path: validate, answer row + outbox row), the time
 * until every answer is graded (outbox relay, Kafka, grader, Kafka, report), and the services'
 * resident memory. Run through deploy/bench/run; all traffic stays on loopback and it stops by itself.
 */
public class SystemBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String SESSION = "http://localhost:" + env("VIVA_SESSION_PORT", "8082");

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int questions = 5;
        List<Double> throughputs = new ArrayList<>();
        List<Long> allSubmitMillis = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<String[]> created = Collections.synchronizedList(new ArrayList<>());
            List<Long> submitMillis = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                String token = DevTokens.mint("bench-" + round + "-" + i, "bench", "candidate");
                work.add(pool.submit(() -> {
                    String session = send("POST", "/api/sessions", token, "{\"questionCount\":" + questions + "}", 201);
                    String id = first(session, "\"id\":\"([^\"]+)\"");
                    created.add(new String[] {id, token});
                    Matcher m = Pattern.compile("\"questionId\":\"([^\"]+)\"").matcher(session);
                    while (m.find()) {
                        long t = System.nanoTime();
                        send("POST", "/api/sessions/" + id + "/answers", token, "{\"questionId\":\"" + m.group(1)
                                + "\",\"text\":\"Attention weighs tokens by similarity of queries and keys; retrieval grounds "
                                + "answers in documents; evaluation compares outputs with references and people.\"}", 202);
                        submitMillis.add((System.nanoTime() - t) / 1_000_000);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            long submitted = System.nanoTime();
            int total = sessions * questions;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            int graded = 0;
            while (graded < total && System.nanoTime() < deadline) {
                graded = 0;
                for (String[] s : created) {
                    String report = send("GET", "/api/sessions/" + s[0] + "/report", s[1], null, 200);
                    graded += Integer.parseInt(first(report, "\"graded\":(\\d+)")) + Integer.parseInt(first(report, "\"failed\":(\\d+)"));
                }
                if (graded < total) {
                    Thread.sleep(100);
                }
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSecond = total / seconds;
            throughputs.add(perSecond);
            allSubmitMillis.addAll(submitMillis);
            System.out.printf("round %d: %d answers, submitted in %.1f s, all graded after %.1f s (%.1f answers/s)%s%n",
                    round, total, (submitted - start) / 1e9, seconds, perSecond, graded < total ? " INCOMPLETE: " + graded : "");
        }
        Collections.sort(throughputs);
        Collections.sort(allSubmitMillis);
        System.out.printf("median end-to-end throughput: %.1f answers/s over %d rounds%n", throughputs.get(throughputs.size() / 2), rounds);
        System.out.printf("submit latency (202): median %d ms, p95 %d ms over %d answers%n",
                allSubmitMillis.get(allSubmitMillis.size() / 2), allSubmitMillis.get((int) (allSubmitMillis.size() * 0.95)),
                allSubmitMillis.size());
        ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(cmd -> {
            String name = cmd.contains("quarkus-run.jar") ? cmd.replaceAll(".*/([a-z]+-service)/target/quarkus-app.*", "$1")
                    : cmd.contains("kafka.Kafka ") ? "kafka" : null;
            if (name != null) {
                System.out.printf("resident memory %-17s %4d MB%n", name, rssMb(p.pid()));
            }
        }));
    }

    static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception ignored) {
            // not on Linux: no figure
        }
        return -1;
    }

    static String send(String method, String path, String token, String body, int expected) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(SESSION + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json");
            b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
    }

    static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return m.group(1);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
