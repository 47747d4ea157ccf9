package dev.viva.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged Viva service (a Quarkus fast-jar) running as its own JVM, as it would in production:
 * used by the local stack and by the end-to-end test, which kills and restarts them.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private final Path logFile;
    private final String heap;
    private Process process;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> properties,
            Map<String, String> environment, Path logFile, String heap) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.properties = Map.copyOf(properties);
        this.environment = environment;
        this.logFile = logFile;
        this.heap = heap;
    }

    /** The packaged application of a service module: {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    public static Path packagedJar(Path projectRoot, String module) {
        return projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * A packaged service of {@code projectRoot} with the settings it shares with the others plus its own
     * database, logging to {@code <logDir>/<module>.log}.
     */
    public static ServiceProcess packaged(Path projectRoot, String module, int port, Map<String, String> shared,
            String jdbcUrl, Map<String, String> environment, Path logDir, String heap) {
        Map<String, String> properties = new java.util.HashMap<>(shared);
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
        return new ServiceProcess(module, packagedJar(projectRoot, module), port, properties, environment,
                logDir.resolve(module + ".log"), heap);
    }

    /**
     * The settings every packaged service needs to join the others: the broker, the development JWT
     * keys and issuer, and where question-service answers. The caller adds the service's own database.
     */
    public static Map<String, String> sharedConfig(String kafkaBootstrapServers, DevTokens.KeyFiles keys,
            String questionServiceUrl) {
        Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put("quarkus.datasource.username", Postgres.USER);
        config.put("quarkus.datasource.password", "");
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        config.put("mp.jwt.verify.publickey.location", keys.publicKey().toString());
        config.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        config.put("smallrye.jwt.sign.key.location", keys.privateKey().toString());
        config.put("quarkus.rest-client.question-service.url", questionServiceUrl);
        return config;
    }

    /**
     * What the web app needs on each service when the stack runs on this machine: session-service serves
     * it with the development sign-in turned on and the other services' browser-facing URLs; the other
     * two allow its origin (CORS) under both names of the loopback host.
     */
    public static Map<String, String> webApp(String module, int questionPort, int sessionPort, int graderPort) {
        Map<String, String> config = new java.util.LinkedHashMap<>();
        if ("session-service".equals(module)) {
            config.put("viva.app.dev-sign-in", "true");
            config.put("viva.app.question-service-url", "http://localhost:" + questionPort);
            config.put("viva.app.grader-service-url", "http://localhost:" + graderPort);
        } else {
            config.put("quarkus.http.cors.origins", "http://localhost:" + sessionPort + ",http://127.0.0.1:" + sessionPort);
        }
        return config;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * The services' JVM flags: by default a small serial heap and only the quick first-tier compiler, which starts
     * a laptop's stack fastest, with a metaspace threshold above what a service loads (about 110 MB), so the
     * serial collector does not stop it for a full collection at each metaspace step; {@code
     * VIVA_SERVICE_JVM_OPTS} replaces them (the benchmarks run with the full JIT).
     */
    static List<String> jvmTuning() {
        String options = System.getenv("VIVA_SERVICE_JVM_OPTS");
        if (options == null || options.isBlank()) {
            return List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MetaspaceSize=256m", "-Xshare:auto");
        }
        return List.of(options.trim().split("\\s+"));
    }

    public synchronized ServiceProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " is missing (run ./mvnw package -DskipTests)");
        }
        Ports.requireFree(port, name);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(jvmTuning());
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // A null value removes the variable: the end-to-end test keeps any OPENAI_* settings out.
            environment.forEach((k, v) -> {
                if (v == null) {
                    builder.environment().remove(k);
                } else {
                    builder.environment().put(k, v);
                }
            });
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Starting " + name + " failed", e);
        }
        return this;
    }

    /** Waits until {@code /q/health/ready} answers UP, or fails with the end of the service's log. */
    public ServiceProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(40));
            }
            if (isReady()) {
                return this;
            }
            KafkaBroker.sleepQuietly(250);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail(40));
    }

    public boolean isReady() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the process gets no chance to flush, commit or say goodbye. */
    public void kill() {
        if (process != null) {
            ProcessTree.kill(process.toHandle());
        }
    }

    @Override
    public void close() {
        if (process != null) {
            // as long as Kubernetes allows (terminationGracePeriodSeconds): a graceful stop waits for the work in flight
            ProcessTree.stop(process, Duration.ofSeconds(30));
        }
    }

    public String tail(int lines) {
        return Logs.tail(logFile, lines);
    }
}
