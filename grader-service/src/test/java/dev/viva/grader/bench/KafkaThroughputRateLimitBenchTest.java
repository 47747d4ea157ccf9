package dev.viva.grader.bench;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;

import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.llm.RateLimitPacer;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.grader.support.ProviderRateLimit;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Grading through Kafka against a fake model (1 s latency) whose provider enforces a rate limit as OpenAI
 * does, with up to 64 gradings in flight, three times what the limit allows: the sustained grading rate
 * (the gradedAt of the AnswerGraded events read back from answers.graded, between the 10th and the 90th
 * percentile) as a share of the allowance, the 429s and the FAILED gradings; once with requests per minute
 * binding, once with tokens per minute. It also prints the mean model calls in flight and gradings waiting
 * for the limit: gradings waiting mean the limit held the rate, none waiting mean the rest of the pipeline
 * (CPU on a busy machine) did. {@code ./mvnw -pl grader-service -am test -Dbench=true -Dtest='KafkaThroughput*BenchTest'}.
 */
@QuarkusTest
@TestProfile(KafkaThroughputRateLimitBenchTest.Profile.class)
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class KafkaThroughputRateLimitBenchTest {

    static final long MODEL_LATENCY_MS = Long.getLong("bench.latency", 1000);
    static final int PER_SECOND = Integer.getInteger("bench.allowed", 8);
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);

    public static class Profile extends KafkaThroughputBench.InFlight {
        @Override
        int inFlight() {
            return 64;
        }
    }

    @Inject
    RateLimitPacer pacer;

    @Test
    void sustainedShareOfTheProvidersAllowance() throws Exception {
        FakeUpstreams.defaultDelayMs = MODEL_LATENCY_MS;
        try {
            FakeUpstreams.limitRate(600_000, 1_000_000_000, Duration.ofSeconds(1));
            run(64, pacer); // warm-up, and a recorded call to learn the fake's charge in tokens
            long charge = tokensPerCall();

            // requests per minute binding; a bucket of 1 s, so the steady state comes at once
            ProviderRateLimit byRequests = FakeUpstreams.limitRate(PER_SECOND * 60L, 1_000_000_000, Duration.ofSeconds(1));
            Result r = run(PER_SECOND * SECONDS, pacer);
            report("requests per minute " + PER_SECOND * 60, byRequests, byRequests.allowedPerSecond(charge), r);

            // tokens per minute binding (requests per minute twice the tokens' rate)
            long tpm = PER_SECOND * 60L * charge;
            ProviderRateLimit byTokens = FakeUpstreams.limitRate(PER_SECOND * 120L, tpm, Duration.ofSeconds(1));
            r = run(PER_SECOND * SECONDS, pacer);
            report("tokens per minute " + tpm + " (" + charge + " a call)", byTokens, byTokens.allowedPerSecond(charge), r);
        } finally {
            FakeUpstreams.unlimited();
            FakeUpstreams.defaultDelayMs = 0;
        }
    }

    record Result(int answers, double sustained, double admitted, int failed, double seconds, double inFlight,
            double waiting) {
    }

    static void report(String what, ProviderRateLimit limit, double allowed, Result r) {
        System.out.printf("BENCH rate-limited fake (%s; %.1f calls/s allowed), %d ms model, 64 in flight at most:"
                + " %d answers in %.1f s, sustained %.2f answers/s graded = %.2f of the allowance (calls admitted"
                + " %.2f/s); 429s %d; FAILED %d; mean calls in flight %.1f, gradings waiting for the limit %.1f%n",
                what, allowed, MODEL_LATENCY_MS, r.answers(), r.seconds(), r.sustained(), r.sustained() / allowed,
                r.admitted(), limit.refused(), r.failed(), r.inFlight(), r.waiting());
    }

    static long tokensPerCall() {
        String answerId = lastAnswerId;
        JsonNode request = FakeUpstreams.calls(answerId).get(0).request();
        return ProviderRateLimit.charge(request);
    }

    static String lastAnswerId;

    /** Publishes {@code answers} answers at once and collects their AnswerGraded. */
    static Result run(int answers, RateLimitPacer pacer) throws Exception {
        String team = Answers.team();
        Map<String, Long> pending = new HashMap<>();
        List<Long> gradedAt = new ArrayList<>();
        int failed = 0;
        double[] sums = new double[3];
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (KafkaConsumer<String, String> graded = KafkaThroughputBench.consumer();
                KafkaProducer<String, String> producer = KafkaThroughputBench.producer()) {
            List<AnswerSubmitted> batch = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                AnswerSubmitted a = Answers.answer(team, Answers.QUESTION,
                        "Documents are split into chunks and embedded; the nearest chunks are retrieved. " + i);
                batch.add(a);
                pending.put(a.answerId().toString(), 0L);
                lastAnswerId = a.answerId().toString();
            }
            sampler.scheduleAtFixedRate(() -> {
                synchronized (sums) {
                    sums[0] += pacer.inFlight();
                    sums[1] += pacer.waiting();
                    sums[2]++;
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            KafkaThroughputBench.publish(producer, batch);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : graded.poll(Duration.ofMillis(100))) {
                    JsonNode event = Answers.JSON.readTree(r.value());
                    if (pending.remove(event.path("answerId").asText()) != null) {
                        OffsetDateTime at = OffsetDateTime.parse(event.path("gradedAt").asText());
                        gradedAt.add(at.toInstant().toEpochMilli());
                        if ("FAILED".equals(event.path("status").asText())) {
                            failed++;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.shutdownNow();
            if (!pending.isEmpty()) {
                throw new AssertionError(pending.size() + " answers not graded within 10 minutes");
            }
            gradedAt.sort(Long::compare);
            int lo = answers / 10;
            int hi = answers * 9 / 10;
            double window = (gradedAt.get(hi) - gradedAt.get(lo)) / 1e3;
            ProviderRateLimit limit = FakeUpstreams.rateLimit();
            double admitted = limit.admittedBetween(gradedAt.get(lo), gradedAt.get(hi)) / window;
            synchronized (sums) {
                return new Result(answers, (hi - lo) / window, admitted, failed, seconds, sums[0] / sums[2],
                        sums[1] / sums[2]);
            }
        } finally {
            sampler.shutdownNow();
        }
    }
}
