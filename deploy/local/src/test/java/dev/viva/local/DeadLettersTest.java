package dev.viva.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dead-letter command against a real broker: it lists records with their reason and replays the chosen one. */
class DeadLettersTest {

    @TempDir
    Path dir;

    @Test
    void listsDeadLettersWithTheirReasonAndReplaysTheChosenOneToItsTopic() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0, 0, dir.resolve("kafka.log"))) {
            String bootstrap = broker.bootstrapServers();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                for (String answer : List.of("a-1", "a-2")) {
                    ProducerRecord<String, String> r = new ProducerRecord<>("answers.submitted.dlq", 0, "s-1",
                            "{\"eventId\":\"e-" + answer + "\",\"answerId\":\"" + answer + "\",\"answerText\":\"secret\"}");
                    r.headers().add("dead-letter-reason", ("rubric missing for " + answer).getBytes(StandardCharsets.UTF_8));
                    r.headers().add("dead-letter-topic", "answers.submitted".getBytes(StandardCharsets.UTF_8));
                    producer.send(r).get(10, TimeUnit.SECONDS);
                }
            }
            DeadLetters dlq = new DeadLetters(bootstrap);

            List<DeadLetters.Entry> entries = dlq.list("answers.submitted.dlq");
            assertThat(entries).extracting(DeadLetters.Entry::reason)
                    .containsExactly("rubric missing for a-1", "rubric missing for a-2");
            assertThat(entries.get(0).ids()).isEqualTo("eventId=e-a-1 answerId=a-1").doesNotContain("secret");

            DeadLetters.Entry second = entries.get(1);
            assertThat(dlq.replay("answers.submitted.dlq", List.of(second.partition() + ":" + second.offset()))).isEqualTo(1);

            List<ConsumerRecord<String, String>> replayed = readAll(bootstrap, "answers.submitted");
            assertThat(replayed).hasSize(1);
            assertThat(replayed.get(0).key()).isEqualTo("s-1");
            assertThat(replayed.get(0).value()).contains("\"answerId\":\"a-2\"");
            assertThat(new String(replayed.get(0).headers().lastHeader("replayed-from").value(), StandardCharsets.UTF_8))
                    .isEqualTo("answers.submitted.dlq/" + second.partition() + "/" + second.offset());
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
