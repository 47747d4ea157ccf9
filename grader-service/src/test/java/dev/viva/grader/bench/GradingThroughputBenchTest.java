package dev.viva.grader.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.viva.grader.service.GradingService;
import dev.viva.grader.support.Answers;
import dev.viva.grader.support.FakeUpstreams;
import dev.viva.local.test.VivaInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Throughput of the grading service (claim, rubric, model call, scoring, evaluation + outbox) with a
 * fake model of fixed latency, at 1 and at 32 gradings in flight. Not part of the build:
 * {@code ./mvnw -pl grader-service verify -Dbench=true -Dtest=GradingThroughputBenchTest}.
 * The in-flight limit is applied here by a pool of that size, as the messaging worker pool
 * (viva.grader.max-in-flight) applies it to consumed records.
 */
@QuarkusTest
@WithTestResource(value = VivaInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "grader"))
@WithTestResource(FakeUpstreams.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class GradingThroughputBenchTest {

    static final long MODEL_LATENCY_MS = Long.getLong("bench.latency", 200);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @Inject
    GradingService grading;

    @Test
    void medianAnswersPerSecondAtOneAndThirtyTwoInFlight() throws Exception {
        FakeUpstreams.defaultDelayMs = MODEL_LATENCY_MS;
        try {
            run(32, 64); // warm-up: JIT, connection pools, rubric cache
            double one = median(1, 25);
            double many = median(32, 320);
            System.out.printf("Grading throughput with a %d ms model: max-in-flight 1 = %.1f answers/s, "
                    + "max-in-flight 32 = %.1f answers/s (x%.1f)%n", MODEL_LATENCY_MS, one, many, many / one);
        } finally {
            FakeUpstreams.defaultDelayMs = 0;
        }
    }

    double median(int inFlight, int answers) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            rates.add(run(inFlight, answers));
        }
        rates.sort(Double::compare);
        System.out.printf("  max-in-flight %d: %s answers/s%n", inFlight, rates);
        return rates.get(rates.size() / 2);
    }

    double run(int inFlight, int answers) throws Exception {
        String team = Answers.team();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
            values.add(Answers.json(Answers.answer(team, Answers.QUESTION,
                    "Documents are split into chunks and embedded; the nearest chunks are retrieved. " + i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        try {
            long start = System.nanoTime();
            List<Future<GradingService.Outcome>> done = new ArrayList<>();
            for (String v : values) {
                done.add(pool.submit(() -> grading.handle(v)));
            }
            for (Future<GradingService.Outcome> f : done) {
                if (f.get() != GradingService.Outcome.GRADED) {
                    throw new AssertionError("an answer was not graded");
                }
            }
            return answers / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
