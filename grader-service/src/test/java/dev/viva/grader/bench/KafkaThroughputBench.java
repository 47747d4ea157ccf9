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
    static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 2);

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
            // warm-up (JIT, connection pools, rubric cache): with one burst of n answers, the three rounds
            // still sped up one after the other (101, 109, 114 answers/s at 128 in flight) as the JVM compiled
            for (int r = 0; r < WARM_UP_ROUNDS; r++) {
                run(8 * n);
            }
            List<Double> bursts = new ArrayList<>();
            List<Double> steady = new ArrayList<>();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            for (int r = 0; r < ROUNDS; r++) {
                Rates rates = run(8 * n);
                bursts.add(rates.burst());
                steady.add(rates.steady());
            }
            double cpuMsPerAnswer = (os.getProcessCpuTime() - cpuBefore) / 1e6 / (ROUNDS * 8.0 * n);
            double bound = n * 1000.0 / MODEL_LATENCY_MS;
            // CPU of this JVM (the grader, the fake model, the benchmark's clients) per answer, and the machine's
            // load: when cores x 1000 / CPU ms per answer is near the rate, the pipeline is CPU-bound, not latency-bound.
            System.out.printf("BENCH through Kafka, %d in flight, %d ms model: steady %.1f answers/s (median of %d rounds %s"
                    + " after %d warm-up rounds); Little's law %.0f/s; ratio %.2f; whole burst with its start and drain"
                    + " %.1f/s (ratio %.2f); test JVM CPU %.1f ms per answer; load average %.1f on %d cores%n",
                    n, MODEL_LATENCY_MS, median(steady), ROUNDS, steady, WARM_UP_ROUNDS, bound, median(steady) / bound,
                    median(bursts), median(bursts) / bound, cpuMsPerAnswer, os.getSystemLoadAverage(), os.getAvailableProcessors());
        } finally {
            FakeUpstreams.defaultDelayMs = 0;
        }
    }

    /**
     * A burst's rates: {@code burst} from the first publish to the last AnswerGraded, which includes the
     * first model call's wait (no grade can arrive before one latency has passed) and the last ones' drain;
     * {@code steady} over the middle half of the grades, where in flight stays at its limit, the state
     * Little's law describes.
     */
    record Rates(double burst, double steady) {
    }

    /** Publishes {@code answers} answers and measures how fast their grades arrive. */
    Rates run(int answers) throws Exception {
        String team = Answers.team();
        Set<String> pending = new HashSet<>();
        long[] arrived = new long[answers];
        int graded = 0;
        try (KafkaConsumer<String, String> consumer = consumer(); KafkaProducer<String, String> producer = producer()) {
            List<AnswerSubmitted> batch = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                AnswerSubmitted a = Answers.answer(team, Answers.QUESTION,
                        "Documents are split into chunks and embedded; the nearest chunks are retrieved. " + i);
                batch.add(a);
                pending.add(a.answerId().toString());
            }
            producer.partitionsFor("answers.submitted"); // the producer's metadata, fetched before the clock runs
            long start = System.nanoTime();
            publish(producer, batch);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    // read the id, not search every pending id in the record: that search took 4 % of this JVM's CPU at 128 in flight
                    if (pending.remove(Answers.JSON.readTree(r.value()).path("answerId").asText())) {
                        arrived[graded++] = System.nanoTime();
                    }
                }
            }
            if (!pending.isEmpty()) {
                throw new AssertionError(pending.size() + " answers not graded within 5 minutes");
            }
            int from = answers / 4;
            int to = 3 * answers / 4;
            return new Rates(answers / ((arrived[answers - 1] - start) / 1e9), (to - from) / ((arrived[to] - arrived[from]) / 1e9));
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Publishes the answers as a burst, waiting for the broker's acknowledgements only at the end: one
     * acknowledged send after another would cap the arrival rate below what 128 in flight can grade.
     */
    static void publish(KafkaProducer<String, String> producer, List<AnswerSubmitted> answers) {
        try {
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

    static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
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
