package dev.viva.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import dev.viva.local.Postgres;
import dev.viva.local.test.VivaInfrastructure;

/**
 * A database written before ids were scoped per team (ids unique across teams) migrates with every question,
 * tag and rubric version kept and linked to its question; afterwards ids are unique per bank only, and rubric
 * versions are still immutable.
 */
class IdMigrationTest {

    @Test
    void questionsWrittenWithGlobalIdsKeepTheirTagsAndRubricVersions() throws SQLException {
        String database = "questions_migration_" + UUID.randomUUID().toString().substring(0, 8);
        Postgres pg = VivaInfrastructure.postgres();
        pg.createDatabases(List.of(database));
        String url = pg.jdbcUrl(database);
        Flyway.configure().dataSource(url, Postgres.USER, "").locations("classpath:db/migration")
                .target(MigrationVersion.fromVersion("50")).load().migrate();

        try (Connection c = DriverManager.getConnection(url, Postgres.USER, ""); Statement st = c.createStatement()) {
            st.execute("""
                    insert into questions (id, team, category, difficulty, prompt, status, current_version, created_at, updated_at) values
                      ('rag-chunking', null, 'rag', 'MID', 'How do you chunk?', 'ACTIVE', 2, now(), now()),
                      ('acme-stack', 'acme', 'rag', 'JUNIOR', 'What is a stack?', 'ACTIVE', 1, now(), now()),
                      ('globex-queue', 'globex', 'rag', 'SENIOR', 'What is a queue?', 'RETIRED', 1, now(), now());
                    insert into question_tags (question_id, position, tag) values
                      ('rag-chunking', 0, 'chunking'), ('rag-chunking', 1, 'retrieval'), ('acme-stack', 0, 'stack');
                    insert into rubric_versions (question_id, version, content, hash, created_at, created_by) values
                      ('rag-chunking', 1, '{"v": 1}', 'h1', now(), 'bank-loader'),
                      ('rag-chunking', 2, '{"v": 2}', 'h2', now(), 'bank-loader'),
                      ('acme-stack', 1, '{"v": "acme"}', 'h3', now(), 'ada'),
                      ('globex-queue', 1, '{"v": "globex"}', 'h4', now(), 'gil');
                    """);
        }

        Flyway.configure().dataSource(url, Postgres.USER, "").locations("classpath:db/migration").load().migrate();

        try (Connection c = DriverManager.getConnection(url, Postgres.USER, ""); Statement st = c.createStatement()) {
            assertThat(rows(st, """
                    select q.id, coalesce(q.team, '-'), q.status, string_agg(t.tag, ',' order by t.position)
                    from questions q left join question_tags t on t.question_key = q.question_key
                    group by q.id, q.team, q.status order by q.id""")).containsExactly(
                    "acme-stack acme ACTIVE stack",
                    "globex-queue globex RETIRED null",
                    "rag-chunking - ACTIVE chunking,retrieval");
            assertThat(rows(st, """
                    select q.id, r.version, r.content ->> 'v', r.created_by
                    from rubric_versions r join questions q on q.question_key = r.question_key order by q.id, r.version"""))
                    .containsExactly("acme-stack 1 acme ada", "globex-queue 1 globex gil",
                            "rag-chunking 1 1 bank-loader", "rag-chunking 2 2 bank-loader");

            // another team may now use acme's id; acme may not use it twice, nor may the shared bank
            st.execute("""
                    insert into questions (id, team, category, difficulty, prompt, status, current_version, created_at, updated_at)
                    values ('acme-stack', 'globex', 'rag', 'MID', 'Globex''s stack', 'ACTIVE', 1, now(), now())""");
            assertThatThrownBy(() -> st.execute("""
                    insert into questions (id, team, category, difficulty, prompt, status, current_version, created_at, updated_at)
                    values ('acme-stack', 'acme', 'rag', 'MID', 'again', 'ACTIVE', 1, now(), now())"""))
                    .hasMessageContaining("questions_owner_id");
            assertThatThrownBy(() -> st.execute("""
                    insert into questions (id, team, category, difficulty, prompt, status, current_version, created_at, updated_at)
                    values ('rag-chunking', null, 'rag', 'MID', 'again', 'ACTIVE', 1, now(), now())"""))
                    .hasMessageContaining("questions_owner_id");
            assertThatThrownBy(() -> st.execute("update rubric_versions set hash = 'changed'"))
                    .hasMessageContaining("immutable");
        }
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    cells.add(rs.getString(i));
                }
                out.add(String.join(" ", cells));
            }
        }
        return out;
    }
}
