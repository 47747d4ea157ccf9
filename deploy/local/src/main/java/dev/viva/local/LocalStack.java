package dev.viva.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole of Viva on one machine without Docker: PostgreSQL (one database per service), a
 * Kafka broker and the three packaged services, each its own process. Started by {@code deploy/viva up},
 * which keeps this supervisor in the background; {@code deploy/viva down} stops it, and it stops
 * everything it started. Data survives restarts under {@code $VIVA_HOME/data} unless reset.
 */
public final class LocalStack {

    /** Where everything lives and which ports it uses; every value can be set from the environment. */
    public record Settings(Path projectRoot, Path home, int questionPort, int sessionPort, int graderPort,
            int postgresPort, int kafkaPort, int kafkaControllerPort, boolean reset) {

        static Settings fromEnvironment(Path projectRoot, boolean reset) {
            Path home = Path.of(env("VIVA_HOME", projectRoot.resolve(".viva").toString())).toAbsolutePath();
            return new Settings(projectRoot, home,
                    port("VIVA_QUESTION_PORT", 8081), port("VIVA_SESSION_PORT", 8082), port("VIVA_GRADER_PORT", 8083),
                    port("VIVA_POSTGRES_PORT", 15432), port("VIVA_KAFKA_PORT", 19092),
                    port("VIVA_KAFKA_CONTROLLER_PORT", 19093), reset);
        }

        Path data() {
            return home.resolve("data");
        }

        Path logs() {
            return home.resolve("logs");
        }

        Path run() {
            return home.resolve("run");
        }

        private static int port(String name, int fallback) {
            String value = env(name, String.valueOf(fallback));
            try {
                int port = Integer.parseInt(value.trim());
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + "=" + value + " is not a port number (1-65535)");
            }
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    private final Settings settings;
    private final List<AutoCloseable> started = new ArrayList<>();

    public LocalStack(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("viva.project.root", ".")).toAbsolutePath().normalize();
        boolean reset = List.of(args).contains("--reset");
        LocalStack stack;
        try {
            stack = new LocalStack(Settings.fromEnvironment(root, reset));
            stack.start();
        } catch (Ports.PortInUseException | IllegalArgumentException e) {
            System.out.println("error: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.out.println("error: " + e.getMessage());
            e.printStackTrace(System.out);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "viva-local-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void start() {
        try {
            if (settings.reset()) {
                Directories.deleteTree(settings.data());
            }
            for (Path dir : List.of(settings.data(), settings.logs(), settings.run())) {
                Files.createDirectories(dir);
            }
            Files.deleteIfExists(settings.run().resolve("ready"));
            DevTokens.KeyFiles keys = DevTokens.writeKeyPair(settings.home().resolve("keys"));

            // Fail before starting anything when a port is taken.
            Ports.requireFree(settings.questionPort(), "question-service", "VIVA_QUESTION_PORT");
            Ports.requireFree(settings.sessionPort(), "session-service", "VIVA_SESSION_PORT");
            Ports.requireFree(settings.graderPort(), "grader-service", "VIVA_GRADER_PORT");
            Ports.requireFree(settings.postgresPort(), "PostgreSQL server", "VIVA_POSTGRES_PORT");
            Ports.requireFree(settings.kafkaPort(), "Kafka broker", "VIVA_KAFKA_PORT");
            Ports.requireFree(settings.kafkaControllerPort(), "Kafka controller", "VIVA_KAFKA_CONTROLLER_PORT");

            log("Starting PostgreSQL on port " + settings.postgresPort() + " (data in " + settings.data().resolve("postgres") + ")");
            Postgres postgres = Postgres.start(settings.data().resolve("postgres"), settings.postgresPort());
            started.add(postgres);
            log("Starting Kafka on port " + settings.kafkaPort() + " (log " + settings.logs().resolve("kafka.log") + ")");
            KafkaBroker kafka = KafkaBroker.start(settings.data().resolve("kafka"), settings.kafkaPort(),
                    settings.kafkaControllerPort(), settings.logs().resolve("kafka.log"));
            started.add(kafka);

            Map<String, String> common = ServiceProcess.sharedConfig(kafka.bootstrapServers(), keys,
                    "http://127.0.0.1:" + settings.questionPort());

            ServiceProcess question = service("question-service", settings.questionPort(), postgres.jdbcUrl("questions"), common);
            log("Starting question-service on port " + settings.questionPort());
            question.start().awaitReady(Duration.ofMinutes(3));
            ServiceProcess session = service("session-service", settings.sessionPort(), postgres.jdbcUrl("sessions"), common);
            ServiceProcess grader = service("grader-service", settings.graderPort(), postgres.jdbcUrl("grader"), common);
            log("Starting session-service on port " + settings.sessionPort() + " and grader-service on port " + settings.graderPort());
            session.start();
            grader.start();
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> session.awaitReady(Duration.ofMinutes(3))),
                    CompletableFuture.runAsync(() -> grader.awaitReady(Duration.ofMinutes(3)))).join();

            String summary = summary(kafka, postgres);
            Files.writeString(settings.run().resolve("summary.txt"), summary);
            Files.writeString(settings.run().resolve("ready"), String.valueOf(ProcessHandle.current().pid()));
            System.out.println(summary);
        } catch (IOException e) {
            stop();
            throw new IllegalStateException(e.getMessage(), e);
        } catch (java.util.concurrent.CompletionException e) {
            stop();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    public synchronized void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log("Stopping " + started.get(i) + " failed: " + e.getMessage());
            }
        }
        started.clear();
        try {
            Files.deleteIfExists(settings.run().resolve("ready"));
        } catch (IOException ignored) {
            // the next start rewrites it
        }
    }

    private ServiceProcess service(String name, int port, String jdbcUrl, Map<String, String> common) {
        Map<String, String> config = new java.util.HashMap<>(common);
        config.putAll(ServiceProcess.webApp(name, settings.questionPort(), settings.sessionPort(), settings.graderPort()));
        ServiceProcess process = ServiceProcess.packaged(settings.projectRoot(), name, port, config, jdbcUrl, Map.of(),
                settings.logs(), "384m");
        started.add(process);
        return process;
    }

    private String summary(KafkaBroker kafka, Postgres postgres) {
        boolean llm = notBlank(System.getenv("OPENAI_API_KEY")) || notBlank(System.getenv("OPENAI_BASE_URL"));
        String grader = llm
                ? "LLM (model " + (notBlank(System.getenv("OPENAI_MODEL")) ? System.getenv("OPENAI_MODEL") : "default")
                        + (notBlank(System.getenv("OPENAI_BASE_URL")) ? " at " + System.getenv("OPENAI_BASE_URL") : " at OpenAI") + ")"
                : "local grader (no OPENAI_API_KEY or OPENAI_BASE_URL set; deterministic, offline)";
        Duration ttl = DevTokens.DEFAULT_TTL;
        StringBuilder sb = new StringBuilder();
        sb.append("\nViva is running. Open the app and sign in (development sign-in, any name, role and team):\n\n");
        sb.append("  http://localhost:").append(settings.sessionPort()).append("/\n\n");
        sb.append(String.format("  %-17s %-24s %s%n", "service", "API", "Swagger UI"));
        for (var s : List.of(new String[] {"question-service", String.valueOf(settings.questionPort())},
                new String[] {"session-service", String.valueOf(settings.sessionPort())},
                new String[] {"grader-service", String.valueOf(settings.graderPort())})) {
            sb.append(String.format("  %-17s %-24s %s%n", s[0], "http://localhost:" + s[1] + "/api",
                    "http://localhost:" + s[1] + "/q/swagger-ui"));
        }
        sb.append("\n  PostgreSQL        ").append(postgres.jdbcUrl("{questions,sessions,grader}")).append(" (user postgres)\n");
        sb.append("  Kafka             ").append(kafka.bootstrapServers()).append('\n');
        sb.append("  Grading           ").append(grader).append('\n');
        sb.append("  Logs              ").append(settings.logs()).append('\n');
        sb.append("  Data              ").append(settings.data()).append(" (kept across restarts; deploy/viva up --reset starts afresh)\n");
        sb.append("\nDevelopment tokens (team \"demo\", valid ").append(ttl.toHours())
                .append(" hours, as are those of deploy/viva token ROLE NAME TEAM [HOURS]):\n\n");
        sb.append("  export CANDIDATE_TOKEN=").append(DevTokens.mint("alice", "demo", ttl, "candidate")).append("\n\n");
        sb.append("  export INTERVIEWER_TOKEN=").append(DevTokens.mint("ivan", "demo", ttl, "interviewer")).append("\n\n");
        sb.append("  export ADMIN_TOKEN=").append(DevTokens.mint("ada", "demo", ttl, "admin")).append("\n\n");
        sb.append("Stop everything with: deploy/viva down\n");
        return sb.toString();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static void log(String message) {
        System.out.println("[viva] " + message);
    }
}
