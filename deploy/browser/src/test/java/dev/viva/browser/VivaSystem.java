package dev.viva.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.viva.local.DevTokens;
import dev.viva.local.Directories;
import dev.viva.local.KafkaBroker;
import dev.viva.local.Ports;
import dev.viva.local.Postgres;
import dev.viva.local.ServiceProcess;

/**
 * Viva as the local stack runs it: real PostgreSQL and Kafka, the three packaged services as separate
 * JVMs with the local grader, session-service serving the app with the development sign-in on.
 * With {@code -Dviva.app.url=http://localhost:8082} the tests use a running {@code deploy/viva up}
 * instead (its question and grader URLs then come from {@code /app/config}).
 */
final class VivaSystem implements AutoCloseable {

    private static final Duration READY = Duration.ofMinutes(3);

    private final Path work;
    private final List<AutoCloseable> started;
    final String appUrl;
    /** false when the tests use a running stack, which they cannot configure. */
    final boolean ownStack;

    private VivaSystem(Path work, List<AutoCloseable> started, String appUrl, boolean ownStack) {
        this.work = work;
        this.started = started;
        this.appUrl = appUrl;
        this.ownStack = ownStack;
    }

    /** {@code sessionConfig}: more settings of session-service (the tests add an OpenID Connect provider). */
    static VivaSystem start(Map<String, String> sessionConfig) throws IOException {
        String external = System.getProperty("viva.app.url");
        if (external != null && !external.isBlank()) {
            return new VivaSystem(null, List.of(), external.replaceAll("/+$", ""), false);
        }
        Path root = Path.of(System.getProperty("viva.project.root", "../..")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("viva-browser-");
        List<AutoCloseable> started = new java.util.ArrayList<>();
        try {
            Postgres postgres = Postgres.start(work.resolve("pg"), 0);
            started.add(postgres);
            KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), 0, 0, work.resolve("logs/kafka.log"));
            started.add(kafka);
            int questionPort = Ports.free();
            int sessionPort = Ports.free();
            int graderPort = Ports.free();
            Map<String, String> common = ServiceProcess.sharedConfig(kafka.bootstrapServers(),
                    DevTokens.writeKeyPair(work.resolve("keys")), "http://127.0.0.1:" + questionPort);
            // The local grader, as in the local stack: no LLM settings reach the services.
            Map<String, String> env = new HashMap<>();
            env.put("OPENAI_API_KEY", null);
            env.put("OPENAI_BASE_URL", null);
            env.put("OPENAI_MODEL", null);
            Map<String, int[]> ports = Map.of("question-service", new int[] {questionPort},
                    "session-service", new int[] {sessionPort}, "grader-service", new int[] {graderPort});
            List<ServiceProcess> services = new java.util.ArrayList<>();
            for (String name : List.of("question-service", "session-service", "grader-service")) {
                Map<String, String> config = new HashMap<>(common);
                config.putAll(ServiceProcess.webApp(name, questionPort, sessionPort, graderPort));
                if (name.equals("session-service")) {
                    config.putAll(sessionConfig);
                }
                String db = switch (name) {
                    case "question-service" -> "questions";
                    case "session-service" -> "sessions";
                    default -> "grader";
                };
                ServiceProcess service = ServiceProcess.packaged(root, name, ports.get(name)[0], config,
                        postgres.jdbcUrl(db), env, work.resolve("logs"), "320m");
                started.add(service);
                services.add(service.start());
            }
            for (ServiceProcess s : services) {
                s.awaitReady(READY);
            }
            return new VivaSystem(work, started, "http://localhost:" + sessionPort, true);
        } catch (RuntimeException e) {
            new VivaSystem(work, started, null, true).close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + started.get(i) + ": " + e.getMessage());
            }
        }
        if (work != null) {
            Directories.deleteQuietly(work);
        }
    }
}
