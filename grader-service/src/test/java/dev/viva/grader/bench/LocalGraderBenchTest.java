package dev.viva.grader.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.viva.grader.domain.Rubric;
import dev.viva.grader.llm.LocalGrader;
import dev.viva.grader.llm.local.SentenceEncoder;
import dev.viva.grader.support.Bank;

/**
 * The local grader's cost: start-up time and memory the embedding model adds, and the time to grade a
 * 200-word answer (p50/p99, wall clock and CPU of the grading thread). Not part of the build:
 * {@code ./mvnw -pl grader-service -am test -Dbench=true -Dtest=LocalGraderBenchTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Run it in a fresh JVM (as that command does) so that the model is not loaded yet.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class LocalGraderBenchTest {

    static final int RUNS = Integer.getInteger("bench.runs", 300);

    static final String ANSWER = "Each token's vector is multiplied by three learned weight matrices to give a query, a key "
            + "and a value. For one position we take the dot product of its query with every key, divide by the square root "
            + "of the key dimension, and apply a softmax so that the weights are positive and sum to one; the output is the "
            + "weighted sum of the value vectors. The scaling matters because dot products of random vectors grow with the "
            + "dimension, so without it the softmax would saturate into a nearly one-hot distribution with tiny gradients. "
            + "Several heads do this in parallel with their own projections, so each head can track a different "
            + "relationship such as syntax or coreference, and their outputs are concatenated and projected back to the "
            + "model width. In a decoder a causal mask sets the scores of later positions to minus infinity, so a token "
            + "never sees the future. The score matrix is n by n, so compute and memory grow quadratically with the "
            + "sequence length, which is why long contexts are expensive and why kernels such as FlashAttention tile the "
            + "computation. In practice the heads are computed as one batched matrix multiplication on the GPU, and "
            + "the result is added back to the residual stream before the feed-forward layer.";

    @Test
    void latencyMemoryAndStartUp() throws IOException {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long rssBefore = rssKb();
        long t0 = System.nanoTime();
        SentenceEncoder encoder = SentenceEncoder.shared();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        long rssAfter = rssKb();

        LocalGrader grader = new LocalGrader(encoder);
        Rubric rubric = Bank.rubric("tfm-self-attention-mechanics");
        int words = ANSWER.split("\\s+").length;
        // Warm up until the JIT has settled: a grader-service grades for hours, and the C2 compiler threads
        // share the two cores with the grading while they still compile (30 gradings of warm-up left a
        // compilation in most of the slowest gradings). Settled: 50 gradings in a row with no compilation.
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int warmUp = 0;
        int quiet = 0;
        long warmStart = System.nanoTime();
        while (quiet < 50 && warmUp < 5_000 && System.nanoTime() - warmStart < 120_000_000_000L) {
            long compiled = jit.getTotalCompilationTime();
            grader.grade(rubric, UUID.randomUUID(), ANSWER);
            warmUp++;
            quiet = jit.getTotalCompilationTime() == compiled ? quiet + 1 : 0;
        }
        long compiledBefore = jit.getTotalCompilationTime();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long w = System.nanoTime();
            grader.grade(rubric, UUID.randomUUID(), ANSWER);
            wall.add((System.nanoTime() - w) / 1e6);
            cpu.add((threads.getCurrentThreadCpuTime() - c) / 1e6);
        }
        long compiledDuring = jit.getTotalCompilationTime() - compiledBefore;
        Collections.sort(wall);
        Collections.sort(cpu);
        System.out.printf(Locale.ROOT, "Local grader (%s), %d-word answer, %d gradings after %d of warm-up, %d cores, load average %.1f:%n",
                grader.model(), words, RUNS, warmUp, rt.availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "  wall clock p50 %.1f ms, p90 %.1f ms, p99 %.1f ms; grading thread CPU p50 %.1f ms, p99 %.1f ms;"
                + " JIT compilation during the measurement %d ms%n",
                pct(wall, 50), pct(wall, 90), pct(wall, 99), pct(cpu, 50), pct(cpu, 99), compiledDuring);
        System.out.printf(Locale.ROOT, "  model load (start-up time it adds): %d ms; memory it adds: heap %.1f MB, resident %.1f MB%n",
                loadMs, (heapAfter - heapBefore) / 1048576.0, (rssAfter - rssBefore) / 1024.0);
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static long rssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return 0;
    }
}
