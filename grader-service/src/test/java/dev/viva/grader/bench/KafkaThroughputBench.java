package dev.viva.grader.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.FakeUpstreams;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Grading throughput through Kafka, the way production grades: answers published to answers.submitted,
 * consumed by the grader with max-in-flight N, graded against a fake OpenAI-compatible model of fixed
 * latency (1 s), stored with their outbox rows, and counted when their AnswerGraded arrives on
 * answers.graded. Little's law bounds it at N / latency; the ratio says how close the pipeline gets.
 * Subclasses fix N (one application start each); enabled with {@code -Dbench=true}.
 */
abstract class KafkaThroughputBench {

    static final long MODEL_LATENCY_MS = Long.getLong("bench.latency", 1000);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final ObjectMapper JSON = new ObjectMapper();

    /** The profile of one in-flight limit: the worker pool and the poll size follow it. */
    public abstract static class InFlight implements QuarkusTestProfile {
        abstract int inFlight();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("viva.grader.max-in-flight", Integer.toString(inFlight()),
                    "mp.messaging.incoming.answers-submitted.max.poll.records", Integer.toString(Math.max(64, 2 * inFlight())));
        }
    }

    abstract int inFlight();

    @Test
    void gradingThroughputThroughKafkaAgainstLittlesLaw() throws Exception {
        int n = inFlight();
        FakeUpstreams.defaultDelayMs = MODEL_LATENCY_MS;
        try {
            run(n); // warm-up: JIT, connection pools, rubric cache
            List<Double> rates = new ArrayList<>();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            for (int r = 0; r < ROUNDS; r++) {
                rates.add(run(8 * n));
            }
            double cpuMsPerAnswer = (os.getProcessCpuTime() - cpuBefore) / 1e6 / (ROUNDS * 8.0 * n);
            rates.sort(Double::compare);
            double median = rates.get(rates.size() / 2);
            double bound = n * 1000.0 / MODEL_LATENCY_MS;
            // CPU of this JVM (the grader, the fake model, the benchmark's clients) per answer, and the machine's
            // load: when cores x 1000 / CPU ms per answer is near the rate, the pipeline is CPU-bound, not latency-bound.
            System.out.printf("BENCH through Kafka, %d in flight, %d ms model: median %.1f answers/s over %d rounds %s;"
                    + " Little's law %.0f/s; ratio %.2f; test JVM CPU %.1f ms per answer; load average %.1f on %d cores%n",
                    n, MODEL_LATENCY_MS, median, ROUNDS, rates, bound, median / bound, cpuMsPerAnswer,
                    os.getSystemLoadAverage(), os.getAvailableProcessors());
        } finally {
            FakeUpstreams.defaultDelayMs = 0;
        }
    }

    /** Publishes {@code answers} answers and returns answers/s from the first publish to the last AnswerGraded. */
    double run(int answers) throws Exception {
        String team = Answers.team();
        Set<String> pending = new HashSet<>();
        try (KafkaConsumer<String, String> graded = consumer()) {
            List<AnswerSubmitted> batch = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                AnswerSubmitted a = Answers.answer(team, Answers.QUESTION,
                        "Documents are split into chunks and embedded; the nearest chunks are retrieved. " + i);
                batch.add(a);
                pending.add(a.answerId().toString());
            }
            long start = System.nanoTime();
            publish(batch);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : graded.poll(Duration.ofMillis(100))) {
                    // read the id, not search every pending id in the record: that search took 4 % of this JVM's CPU at 128 in flight
                    pending.remove(JSON.readTree(r.value()).path("answerId").asText());
                }
            }
            if (!pending.isEmpty()) {
                throw new AssertionError(pending.size() + " answers not graded within 5 minutes");
            }
            return answers / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Publishes the answers as a burst, waiting for the broker's acknowledgements only at the end: one
     * acknowledged send after another would cap the arrival rate below what 128 in flight can grade.
     */
    static void publish(List<AnswerSubmitted> answers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (AnswerSubmitted a : answers) {
                sent.add(producer.send(new ProducerRecord<>("answers.submitted", a.sessionId().toString(), Answers.json(a))));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads answers.graded from its current end. */
    static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor("answers.graded").stream()
                .map(i -> new TopicPartition("answers.graded", i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
