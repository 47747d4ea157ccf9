package dev.viva.local.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.viva.local.DevTokens;
import dev.viva.local.Directories;
import dev.viva.local.KafkaBroker;
import dev.viva.local.Postgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a service's {@code @QuarkusTest}s a real PostgreSQL and a real Kafka broker, started once per
 * test JVM and stopped when it exits. Either is replaced by an external server when its standard
 * setting is given ({@code -Dquarkus.datasource.jdbc.url=...}, {@code -Dkafka.bootstrap.servers=...}).
 *
 * <p>Init arg {@code database}: the database the service uses (created if missing).
 */
public class VivaInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static Postgres postgres;
    private static KafkaBroker kafka;
    private static Path workDir;

    private String database = "postgres";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        String externalJdbc = external("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL");
        if (externalJdbc == null) {
            Postgres pg = postgres();
            pg.createDatabases(java.util.List.of(database));
            config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
            config.put("quarkus.datasource.username", Postgres.USER);
            config.put("quarkus.datasource.password", "");
        }
        String externalKafka = external("kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS");
        if (externalKafka == null) {
            config.put("kafka.bootstrap.servers", kafka().bootstrapServers());
        }
        config.put("mp.jwt.verify.publickey.location", DevTokens.PUBLIC_KEY_RESOURCE);
        config.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        config.put("smallrye.jwt.sign.key.location", DevTokens.PRIVATE_KEY_RESOURCE);
        return config;
    }

    @Override
    public void stop() {
        // The servers outlive one Quarkus application: other test profiles in this JVM reuse them.
        // They stop with the JVM (see the shutdown hook).
    }

    /** The running broker, for tests that stop and restart it; null when an external one is used. */
    public static synchronized KafkaBroker broker() {
        return kafka;
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = Postgres.start(workDir().resolve("pg"), 0);
        }
        return postgres;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = KafkaBroker.start(workDir().resolve("kafka"), 0, 0, workDir().resolve("kafka.log"));
        }
        return kafka;
    }

    /**
     * Stops the broker and starts it again on the same ports and data, as an outage would look to
     * the services: tests use it to prove nothing is lost while Kafka is away.
     */
    public static synchronized void stopKafka() {
        if (kafka == null) {
            throw new IllegalStateException("No broker of ours is running");
        }
        kafka.close();
    }

    /** Starts the broker stopped by {@link #stopKafka()} again, on the same ports and data. */
    public static synchronized void startKafkaAgain() {
        if (kafka == null) {
            throw new IllegalStateException("No broker of ours was started");
        }
        if (!kafka.isAlive()) {
            kafka = KafkaBroker.start(kafka.directory(), kafka.port(), kafka.controllerPort(), workDir().resolve("kafka.log"));
        }
    }

    private static synchronized Path workDir() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("viva-test-infra-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(VivaInfrastructure::shutdown, "viva-infra-shutdown"));
        }
        return workDir;
    }

    private static synchronized void shutdown() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        Directories.deleteQuietly(workDir);
    }

    private static String external(String property, String env) {
        String value = System.getProperty(property);
        return value != null && !value.isBlank() ? value : blankToNull(System.getenv(env));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
