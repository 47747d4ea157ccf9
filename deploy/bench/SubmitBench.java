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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.viva.local.DevTokens;

/**
 * The submit path on a running local stack (deploy/viva up), measured like pgbench measures the same
 * transaction: N clients (default 16, pgbench's), each on its own sessions, submit back to back; every
 * submit supersedes the current answer to its question (lock the session, supersede, insert the answer
 * and its outbox row). A warm-up runs first and is not counted, so the JIT and the pools are warm.
 *
 * <p>A client answers each question of a session {@value #ANSWERS_PER_QUESTION} times (the default answer
 * quota of a candidate), then moves to its next session, all started before the clock runs (SUBMIT_SESSIONS
 * per client, default {@value #SESSIONS_PER_CLIENT}, reused from the first when they run out). On one session a
 * client used to pile up hundreds of versions of an answer, and the submit's quota count, which reads a
 * question's answers of the last 24 hours, grew with them: the benchmark measured a cost no candidate meets, and
 * its rate fell the longer it ran.
 *
 * <p>The sessions' starts are timed too (their rate and latency p50/p99, 16 at a time, the tokens signed
 * beforehand); with SECONDS 0 that is all it measures, and nothing is submitted, so the grader stays idle.
 *
 * <p>Prints the closed-loop submit rate with its latency p50/p99, the CPU session-service spent per
 * submit (from /proc, when its pid is given), and then an open-loop phase at half that rate (after a few
 * seconds of it not counted) with its latency p50/p99, timed from when each submit was due. Run through deploy/bench/submit [CLIENTS] [SECONDS] [WARMUP_SECONDS] [SESSION_PID].
 *
 * <p>The last lines are machine-readable ({@code SUBMIT rate=... p50=... p99=...}) for deploy/bench/all.
 */
public class SubmitBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "http");
                t.setDaemon(true);
                return t;
            })).build();
    static final String SESSION = "http://localhost:" + env("VIVA_SESSION_PORT", "8082");
    static final String TEAM = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    static final String TEXT = "Attention weighs tokens by similarity of queries and keys; retrieval grounds answers in "
            + "documents; evaluation compares outputs with references and people.";
    static final Pattern QUESTION = Pattern.compile("\"questionId\":\"([^\"]+)\"");

    static final int QUESTIONS = 5;
    static final int ANSWERS_PER_QUESTION = 5;
    static final int SESSIONS_PER_CLIENT = 200;

    record Target(String token, String session, List<String> questions) {
    }

    /** A client's sessions and where it stands in them: one submit at a time, as a candidate does. */
    static final class Client {
        final List<Target> sessions;
        int session;
        int inSession;

        Client(List<Target> sessions) {
            this.sessions = sessions;
        }

        /** The next submit: each question of a session {@value #ANSWERS_PER_QUESTION} times, then the next session. */
        synchronized void submitNext() {
            Target t = sessions.get(session);
            submit(t, t.questions().get(inSession % t.questions().size()));
            if (++inSession == t.questions().size() * ANSWERS_PER_QUESTION) {
                inSession = 0;
                session = (session + 1) % sessions.size();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long pid = args.length > 3 && !args[3].isBlank() ? Long.parseLong(args[3]) : -1;

        int perClient = System.getenv("SUBMIT_SESSIONS") == null ? SESSIONS_PER_CLIENT : Integer.parseInt(System.getenv("SUBMIT_SESSIONS"));
        List<Client> targets = startSessions(clients, perClient);
        if (seconds == 0) {
            return; // SECONDS 0: only the session starts are measured
        }
        closedLoop(targets, warmup, -1);
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        double[] cpu = new double[1];
        double rate = closedLoop(targets, seconds, pid, millis, cpu);
        System.out.printf("submit, closed loop: %.0f submits/s by %d clients over %d s (after %d s of warm-up), latency p50 %.1f ms,"
                + " p99 %.1f ms%s%n", rate, clients, seconds, warmup, pct(millis, 50), pct(millis, 99),
                cpu[0] > 0 ? String.format("; session-service CPU %.2f ms per submit", cpu[0]) : "");
        List<Double> half = Collections.synchronizedList(new ArrayList<>());
        // SUBMIT_OPEN_RATE fixes the open-loop rate instead, to compare runs at the same rate
        double open = System.getenv("SUBMIT_OPEN_RATE") == null ? rate / 2 : Double.parseDouble(System.getenv("SUBMIT_OPEN_RATE"));
        // the open loop's own warm-up, not counted: its first seconds were slower than the rest in every run (the
        // client's virtual threads and paced sending are new code to its JIT), whatever the service did
        openLoop(targets, open, Math.min(5, seconds), Collections.synchronizedList(new ArrayList<>()), false);
        openLoop(targets, open, seconds, half, true);
        System.out.printf("submit, open loop at %s (%.0f submits/s): latency p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                open == rate / 2 ? "half that rate" : "a fixed rate", open, pct(half, 50), pct(half, 99), pctMille(half, 999),
                pctMille(half, 1000));
        System.out.printf("SUBMIT rate=%.1f p50=%.1f p99=%.1f cpu=%.2f half=%.1f half_p50=%.1f half_p99=%.1f clients=%d%n", rate,
                pct(millis, 50), pct(millis, 99), cpu[0], open, pct(half, 50), pct(half, 99), clients);
        if (TRACE != null) {
            Files.writeString(Path.of(TRACE), TRACED);
        }
        System.exit(0);
    }

    /**
     * Starts each client's sessions, 16 at a time; each session has its own candidate, so the candidates' daily
     * session quota is never what stops them.
     */
    static List<Client> startSessions(int clients, int perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        // Tokens are signed first (RS256 costs the client more CPU than the start costs the server), so the
        // clock below measures the starts alone.
        List<List<Future<String>>> tokens = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Future<String>> mine = new ArrayList<>();
            for (int k = 0; k < perClient; k++) {
                String candidate = "bench-submit-" + c + "-" + k;
                mine.add(pool.submit(() -> DevTokens.mint(candidate, TEAM, "candidate")));
            }
            tokens.add(mine);
        }
        for (List<Future<String>> mine : tokens) {
            for (Future<String> f : mine) {
                f.get();
            }
        }
        List<Double> startMillis = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        List<List<Future<Target>>> started = new ArrayList<>();
        for (List<Future<String>> mine : tokens) {
            List<Future<Target>> sessions = new ArrayList<>();
            for (Future<String> minted : mine) {
                String token = minted.get();
                sessions.add(pool.submit(() -> {
                    long s0 = System.nanoTime();
                    String session = startSession(token);
                    startMillis.add((System.nanoTime() - s0) / 1e6);
                    return new Target(token, first(session, "\"id\":\"([^\"]+)\""), all(session, QUESTION));
                }));
            }
            started.add(sessions);
        }
        List<Client> out = new ArrayList<>();
        for (List<Future<Target>> mine : started) {
            List<Target> sessions = new ArrayList<>();
            for (Future<Target> f : mine) {
                sessions.add(f.get());
            }
            out.add(new Client(sessions));
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Double> sorted = new ArrayList<>(startMillis);
        Collections.sort(sorted);
        System.out.printf("started %d sessions (%d per client) in %.1f s: %.0f starts/s by 16 clients, latency p50 %.1f ms,"
                + " p99 %.1f ms%n", clients * perClient, perClient, seconds, clients * perClient / seconds,
                sorted.get(sorted.size() / 2), sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)));
        return out;
    }

    /** Starting a session draws its questions from question-service, which a loaded machine may keep past its timeout: tried thrice. */
    static String startSession(String token) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return send(SESSION + "/api/sessions", token, "{\"questionCount\":" + QUESTIONS + "}", 201);
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    static double closedLoop(List<Client> targets, int seconds, long pid) throws Exception {
        return closedLoop(targets, seconds, pid, Collections.synchronizedList(new ArrayList<>()), new double[1]);
    }

    /** Each client submits back to back to its own sessions. */
    static double closedLoop(List<Client> targets, int seconds, long pid, List<Double> millis, double[] cpuPerSubmit)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(targets.size());
        CountDownLatch ready = new CountDownLatch(targets.size());
        AtomicLong done = new AtomicLong();
        long[] window = new long[2];
        double[] cpu = new double[2];
        List<Future<?>> work = new ArrayList<>();
        for (Client t : targets) {
            work.add(pool.submit(() -> {
                ready.countDown();
                ready.await();
                synchronized (window) {
                    if (window[0] == 0) {
                        cpu[0] = cpuMillis(pid);
                        window[0] = System.nanoTime();
                    }
                }
                long stop = window[0] + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < stop) {
                    long t0 = System.nanoTime();
                    t.submitNext();
                    millis.add((System.nanoTime() - t0) / 1e6);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        window[1] = System.nanoTime();
        cpu[1] = cpuMillis(pid);
        pool.shutdown();
        if (pid > 0) {
            cpuPerSubmit[0] = (cpu[1] - cpu[0]) / done.get();
        }
        return done.get() / ((window[1] - window[0]) / 1e9);
    }

    /** Submits paced at {@code perSecond} for {@code seconds}, whatever the answers' latency (open loop). */
    static void openLoop(List<Client> targets, double perSecond, int seconds, List<Double> millis, boolean traced)
            throws Exception {
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> sent = new ArrayList<>();
        long interval = (long) (1e9 / perSecond);
        int count = (int) (perSecond * seconds);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = t0 + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            // each client takes one submit at a time, as a candidate does: the same client only every clients-th
            Client t = targets.get(i % targets.size());
            long due = t0 + i * interval;
            sent.add(senders.submit(() -> {
                t.submitNext();
                long end = System.nanoTime();
                // from when the submit was due, not from when it was sent: a stall of the client or of the
                // service delays the submits behind it, and that delay is latency a user sees
                millis.add((end - due) / 1e6);
                if (traced) {
                    trace(due, end);
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        senders.shutdown();
    }

    /** With SUBMIT_TRACE set to a file: one line per open-loop submit, its due time (epoch ms) and latency (ms). */
    static final String TRACE = System.getenv("SUBMIT_TRACE");
    static final long EPOCH_MS = System.currentTimeMillis();
    static final long EPOCH_NS = System.nanoTime();
    static final StringBuffer TRACED = new StringBuffer();

    static void trace(long due, long end) {
        if (TRACE != null) {
            TRACED.append(String.format("%.1f %.2f%n", EPOCH_MS + (due - EPOCH_NS) / 1e6, (end - due) / 1e6));
        }
    }

    static void submit(Target t, String questionId) {
        send(SESSION + "/api/sessions/" + t.session() + "/answers", t.token(),
                "{\"questionId\":\"" + questionId + "\",\"text\":\"" + TEXT + "\"}", 202);
    }

    /** utime + stime of a process in milliseconds, from /proc (clock ticks of 10 ms on Linux). */
    static double cpuMillis(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
        } catch (Exception e) {
            return 0;
        }
    }

    static double pct(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double pctMille(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 1000.0 * sorted.size()) - 1));
    }

    static String send(String url, String token, String body, int expected) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("POST " + url + " failed: " + e, e);
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
