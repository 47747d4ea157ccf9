package dev.viva.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the zonky binaries (no Docker, no system install), one database per
 * Viva service. Data stays in {@code directory} across restarts unless it is started clean.
 */
public final class Postgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final List<String> SERVICE_DATABASES = List.of("questions", "sessions", "grader");

    private final EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Starts PostgreSQL on {@code directory}: initialised on first use, reused as it is afterwards
     * (delete the directory to start from nothing).
     */
    public static Postgres start(Path directory, int port) {
        try {
            Files.createDirectories(directory.getParent());
            int chosen = port == 0 ? Ports.free() : port;
            Ports.requireFree(chosen, "PostgreSQL server");
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setPort(chosen)
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on")
                    .start();
            Postgres postgres = new Postgres(server);
            postgres.createDatabases(SERVICE_DATABASES);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + directory, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public void createDatabases(List<String> names) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
            for (String name : names) {
                try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    q.setString(1, name);
                    try (ResultSet rs = q.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Creating databases " + names + " failed", e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
