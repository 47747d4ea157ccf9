package dev.viva.local;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lists what waits in the dead-letter topics, with the reason the consumer gave, and replays chosen
 * records to the topic they came from once the cause is fixed. Replaying is safe: both consumers are
 * idempotent (an event applied or an answer graded before changes nothing).
 *
 * <pre>
 *   deploy/viva dlq list [TOPIC...]                   default: answers.submitted.dlq answers.graded.dlq
 *   deploy/viva dlq replay TOPIC PARTITION:OFFSET...  or "all" for every record on TOPIC
 * </pre>
 *
 * Prints ids only (event, answer, session), never an answer's text.
 */
public final class DeadLetters {

    public static final List<String> TOPICS = List.of("answers.submitted.dlq", "answers.graded.dlq");
    static final String REPLAYED_FROM = "replayed-from";
    private static final Pattern ID = Pattern.compile("\"(eventId|answerId|sessionId)\"\\s*:\\s*\"([^\"]+)\"");

    /** One dead-lettered record. */
    public record Entry(String topic, int partition, long offset, Instant at, String key, String reason,
            String originalTopic, String ids, String value) {
    }

    private final String bootstrap;

    public DeadLetters(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS",
                "127.0.0.1:" + System.getenv().getOrDefault("VIVA_KAFKA_PORT", "19092"));
        DeadLetters dlq = new DeadLetters(bootstrap);
        String command = args.length == 0 ? "list" : args[0];
        switch (command) {
            case "list" -> {
                List<String> topics = args.length > 1 ? List.of(args).subList(1, args.length) : TOPICS;
                for (String topic : topics) {
                    List<Entry> entries = dlq.list(topic);
                    System.out.printf("%s: %d record(s)%n", topic, entries.size());
                    entries.forEach(e -> print(System.out, e));
                }
            }
            case "replay" -> {
                if (args.length < 3) {
                    System.err.println("usage: deploy/viva dlq replay TOPIC PARTITION:OFFSET... | all");
                    System.exit(2);
                }
                List<String> chosen = List.of(args).subList(2, args.length);
                int replayed = dlq.replay(args[1], chosen.contains("all") ? null : chosen);
                System.out.printf("replayed %d record(s) from %s%n", replayed, args[1]);
            }
            default -> {
                System.err.println("usage: deploy/viva dlq list [TOPIC...] | replay TOPIC PARTITION:OFFSET... | all");
                System.exit(2);
            }
        }
    }

    static void print(PrintStream out, Entry e) {
        out.printf("  %d:%d  %s  key=%s  %s%n    reason: %s%n", e.partition(), e.offset(), e.at(), e.key(), e.ids(),
                e.reason() == null ? "(none given)" : e.reason());
    }

    /** Every record on the dead-letter topic, oldest first per partition. */
    public List<Entry> list(String topic) {
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(10)) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    entries.add(entry(r));
                }
            }
        }
        return entries;
    }

    /**
     * Sends the chosen records ({@code partition:offset}; null for all) back to the topic they were
     * dead-lettered from, with their key and a {@code replayed-from} header. @return how many were sent
     */
    public int replay(String topic, List<String> chosen) throws Exception {
        List<Entry> selected = list(topic).stream()
                .filter(e -> chosen == null || chosen.contains(e.partition() + ":" + e.offset())).toList();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            for (Entry e : selected) {
                ProducerRecord<String, String> record = new ProducerRecord<>(e.originalTopic(), e.key(), e.value());
                record.headers().add(REPLAYED_FROM, (e.topic() + "/" + e.partition() + "/" + e.offset()).getBytes(StandardCharsets.UTF_8));
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        }
        return selected.size();
    }

    private Entry entry(ConsumerRecord<String, String> r) {
        String original = header(r, "dead-letter-topic");
        if (original == null) {
            original = r.topic().endsWith(".dlq") ? r.topic().substring(0, r.topic().length() - 4) : r.topic();
        }
        StringBuilder ids = new StringBuilder();
        Matcher m = ID.matcher(r.value() == null ? "" : r.value());
        while (m.find()) {
            ids.append(ids.isEmpty() ? "" : " ").append(m.group(1)).append('=').append(m.group(2));
        }
        return new Entry(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), r.key(),
                header(r, "dead-letter-reason"), original, ids.isEmpty() ? "(no ids: unreadable record)" : ids.toString(), r.value());
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
