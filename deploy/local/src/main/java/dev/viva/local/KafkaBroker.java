package dev.viva.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller on loopback), run as its
 * own JVM from the jars resolved by the {@code viva-kafka-broker} module. No Docker needed.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The topics Viva uses; created up front so consumers never race topic auto-creation. */
    public static final List<String> TOPICS = List.of(
            "answers.submitted", "answers.graded", "answers.submitted.dlq", "answers.graded.dlq");
    public static final int PARTITIONS = 6;

    private static final String CLASSPATH_RESOURCE = "dev/viva/local/kafka-broker.classpath";

    private final Process process;
    private final String bootstrapServers;
    private final Path directory;
    private final int controllerPort;

    private KafkaBroker(Process process, String bootstrapServers, Path directory, int controllerPort) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.directory = directory;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker that keeps its data under {@code directory} (formatted on first use, reused
     * afterwards) and listens on {@code port} (0 picks a free one), and waits until it serves requests.
     */
    public static KafkaBroker start(Path directory, int port, int controllerPort, Path logFile) {
        try {
            Files.createDirectories(directory);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            int brokerPort = port == 0 ? Ports.free() : port;
            int ctrlPort = controllerPort == 0 ? Ports.free() : controllerPort;
            Ports.requireFree(brokerPort, "Kafka broker");
            Ports.requireFree(ctrlPort, "Kafka controller");

            Path config = writeServerProperties(directory, brokerPort, ctrlPort);
            Path log4j = writeLog4jConfig(directory);
            String classpath = brokerClasspath();

            if (!Files.exists(directory.resolve("data/meta.properties"))) {
                List<String> format = javaCommand(classpath, log4j, "256m");
                format.addAll(List.of("kafka.tools.StorageTool", "format", "--standalone",
                        "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"));
                // tried twice: one CI run saw the tool fail once, and its log went with the test's directory,
                // so the message carries the log's last lines
                for (int attempt = 1;; attempt++) {
                    Process formatter = new ProcessBuilder(format)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                            .start();
                    boolean ended = formatter.waitFor(60, TimeUnit.SECONDS);
                    if (ended && formatter.exitValue() == 0) {
                        break;
                    }
                    if (!ended) {
                        formatter.destroyForcibly().waitFor();
                    }
                    if (attempt == 2) {
                        throw new IllegalStateException("Formatting Kafka storage failed (" + (ended ? "exit " + formatter.exitValue()
                                : "no end within 60 s") + "); " + logFile + " ends with:\n" + Logs.tail(logFile, 20));
                    }
                }
            }

            List<String> server = javaCommand(classpath, log4j, "512m");
            server.addAll(List.of("kafka.Kafka", config.toString()));
            Process process = new ProcessBuilder(server)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            KafkaBroker broker = new KafkaBroker(process, "127.0.0.1:" + brokerPort, directory, ctrlPort);
            try {
                broker.awaitReady(Duration.ofSeconds(90), logFile);
                broker.createTopics(TOPICS, PARTITIONS);
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int port() {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path directory() {
        return directory;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Creates the topics that are missing; existing ones are left as they are. */
    public void createTopics(List<String> names, int partitions) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream()
                    .filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, partitions, (short) 1))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Creating topics failed", e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Creating topics failed", e);
        }
    }

    /** Stops the broker gracefully, then forcibly if it does not exit in time. */
    @Override
    public void close() {
        ProcessTree.stop(process, Duration.ofSeconds(20));
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(props);
    }

    private void awaitReady(Duration timeout, Path logFile) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see " + logFile);
            }
            if (Ports.isListening(port())) {
                try (Admin admin = admin()) {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
            }
            sleepQuietly(200);
        }
        throw new IllegalStateException("Kafka broker not ready after " + timeout + "; see " + logFile, last);
    }

    private static List<String> javaCommand(String classpath, Path log4j, String heap) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xms128m", "-Xmx" + heap, "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + log4j.toUri(),
                "-cp", classpath));
        return cmd;
    }

    static String brokerClasspath() throws IOException {
        try (InputStream in = KafkaBroker.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build deploy/kafka-broker first (./mvnw install -pl deploy/kafka-broker)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static Path writeServerProperties(Path dir, int port, int controllerPort) throws IOException {
        Map<String, String> props = new java.util.LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("log.dirs", dir.resolve("data").toString());
        props.put("num.partitions", String.valueOf(PARTITIONS));
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", "1");
        StringBuilder sb = new StringBuilder("# Written by Viva's local infrastructure (dev.viva.local.KafkaBroker).\n");
        props.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Path file = dir.resolve("server.properties");
        Files.writeString(file, sb.toString());
        return file;
    }

    private static Path writeLog4jConfig(Path dir) throws IOException {
        Path file = dir.resolve("log4j2.properties");
        Files.writeString(file, """
                status = warn
                appender.console.type = Console
                appender.console.name = STDOUT
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n
                rootLogger.level = WARN
                rootLogger.appenderRef.stdout.ref = STDOUT
                logger.kafka.name = kafka
                logger.kafka.level = INFO
                logger.server.name = org.apache.kafka.server
                logger.server.level = WARN
                """);
        return file;
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
