package dev.viva.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfrastructureTest {

    @TempDir
    Path dir;

    @Test
    void kafkaBrokerServesRecordsAndKeepsThemAcrossARestart() throws Exception {
        Path log = dir.resolve("kafka.log");
        String bootstrap;
        int port;
        int controllerPort;
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0, 0, log)) {
            bootstrap = broker.bootstrapServers();
            port = broker.port();
            controllerPort = broker.controllerPort();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                assertThat(topics).containsAll(KafkaBroker.TOPICS);
                assertThat(admin.describeTopics(List.of("answers.submitted")).allTopicNames().get()
                        .get("answers.submitted").partitions()).hasSize(KafkaBroker.PARTITIONS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("answers.submitted", "session-1", "hello")).get(10, TimeUnit.SECONDS);
            }
        }
        try (KafkaBroker again = KafkaBroker.start(dir.resolve("kafka"), port, controllerPort, log)) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, again.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-test");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("answers.submitted"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                String value = null;
                while (value == null && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    for (var r : records) {
                        value = r.value();
                    }
                }
                assertThat(value).isEqualTo("hello");
            }
        }
    }

    @Test
    void postgresCreatesOneDatabasePerServiceAndKeepsData() throws Exception {
        Path data = dir.resolve("pg");
        try (Postgres pg = Postgres.start(data, 0);
             Connection c = DriverManager.getConnection(pg.jdbcUrl("sessions"), Postgres.USER, "")) {
            c.createStatement().execute("CREATE TABLE kept(id int)");
            c.createStatement().execute("INSERT INTO kept VALUES (42)");
        }
        assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();
        try (Postgres pg = Postgres.start(data, 0);
             Connection c = DriverManager.getConnection(pg.jdbcUrl("sessions"), Postgres.USER, "");
             ResultSet rs = c.createStatement().executeQuery("SELECT id FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
            for (String db : Postgres.SERVICE_DATABASES) {
                try (Connection other = DriverManager.getConnection(pg.jdbcUrl(db), Postgres.USER, "")) {
                    assertThat(other.isValid(2)).isTrue();
                }
            }
        }
    }

    @Test
    void devTokensAreSignedJwtsWithRolesAndTeam() throws Exception {
        String token = DevTokens.mint("alice", "acme", "candidate");
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        assertThat(payload).contains("\"sub\":\"alice\"", "\"team\":\"acme\"", "\"groups\":[\"candidate\"]");
        var publicPem = DevTokens.resource(DevTokens.PUBLIC_KEY_RESOURCE).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        var key = java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(publicPem)));
        var verifier = java.security.Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes());
        assertThat(verifier.verify(java.util.Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }
}
