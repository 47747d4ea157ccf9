package dev.viva.grader.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.viva.grader.support.ProviderRateLimit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The pacer against the fake provider's rate limit, without HTTP: 48 callers that would each call as
 * fast as they can, against a limit that allows a fraction of that. Every call ends admitted, the 429s
 * are the first burst (sent before any reply told the limit), and the admitted rate stays within the
 * allowance.
 */
class RateLimitPacerTest {

    static final long TOKENS = 500;

    @Test
    void readsOpenAiDurations() {
        assertThat(RateLimitPacer.parseDuration("12ms")).isEqualTo(Duration.ofMillis(12));
        assertThat(RateLimitPacer.parseDuration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(RateLimitPacer.parseDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(RateLimitPacer.parseDuration("1m9.6s")).isEqualTo(Duration.ofMillis(69_600));
        assertThat(RateLimitPacer.parseDuration("17.253s")).isEqualTo(Duration.ofMillis(17_253));
        assertThat(RateLimitPacer.parseDuration("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(RateLimitPacer.parseDuration("soon")).isNull();
        assertThat(RateLimitPacer.parseDuration("1s later")).isNull();
    }

    @Test
    void keepsManyCallersWithinTheRequestsLimit() throws Exception {
        // 3,000 requests a minute (50/s), a bucket of half a second
        ProviderRateLimit limit = new ProviderRateLimit(3_000, 1_000_000_000, Duration.ofMillis(500));
        Run run = run(limit, 48, 200, Duration.ofMillis(100));
        assertThat(run.admitted()).isEqualTo(200);
        assertThat(limit.refused()).as("429s").isLessThanOrEqualTo(2 * 48);
        System.out.printf("PACER requests limit 50/s, 48 callers, 100 ms calls: %.1f calls/s admitted (%.2f of the"
                + " allowance), %d 429s%n", run.rate(), run.rate() / 50, limit.refused());
    }

    @Test
    void keepsManyCallersWithinTheTokensLimit() throws Exception {
        // tokens for 40 calls a second, requests for 400
        ProviderRateLimit limit = new ProviderRateLimit(24_000, 40 * 60 * TOKENS, Duration.ofMillis(500));
        Run run = run(limit, 48, 160, Duration.ofMillis(100));
        assertThat(run.admitted()).isEqualTo(160);
        assertThat(limit.refused()).as("429s").isLessThanOrEqualTo(2 * 48);
        System.out.printf("PACER tokens limit 40 calls/s, 48 callers, 100 ms calls: %.1f calls/s admitted (%.2f of"
                + " the allowance), %d 429s%n", run.rate(), run.rate() / 40, limit.refused());
    }

    @Test
    void withoutHeadersA429HalvesTheCallsInFlight() throws Exception {
        RateLimitPacer pacer = new RateLimitPacer(new RateLimitPacer.Settings(2, 32, Duration.ZERO, Duration.ofSeconds(1)),
                new SimpleMeterRegistry());
        List<RateLimitPacer.Permit> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            out.add(pacer.acquire(TOKENS, false));
        }
        assertThat(pacer.concurrencyLimit()).isEqualTo(32);
        for (RateLimitPacer.Permit p : out) {
            pacer.rateLimited(p, name -> List.of(), Duration.ZERO, Duration.ZERO);
        }
        // 32 refusals of calls that were out together are one signal
        assertThat(pacer.concurrencyLimit()).isEqualTo(16);
        assertThat(pacer.rateLimitedCount()).isEqualTo(32);
        assertThat(pacer.inFlight()).isZero();
    }

    record Run(int admitted, double rate) {
    }

    /** {@code callers} threads make {@code calls} calls in all, each taking {@code latency}, through one pacer. */
    static Run run(ProviderRateLimit limit, int callers, int calls, Duration latency) throws Exception {
        RateLimitPacer pacer = new RateLimitPacer(new RateLimitPacer.Settings(1, callers, Duration.ofMillis(50),
                Duration.ofSeconds(5)), new SimpleMeterRegistry());
        AtomicInteger left = new AtomicInteger(calls);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                done.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        boolean retry = false;
                        while (true) {
                            RateLimitPacer.Permit p = pacer.acquire(TOKENS, retry);
                            ProviderRateLimit.Admission a = limit.admit(TOKENS);
                            Map<String, String> h = a.headers();
                            if (a.admitted()) {
                                Thread.sleep(latency.toMillis()); // the model at work
                                pacer.replied(p, name -> h.containsKey(name) ? List.of(h.get(name)) : List.of());
                                admitted.incrementAndGet();
                                break;
                            }
                            Duration pause = pacer.rateLimited(p,
                                    name -> h.containsKey(name) ? List.of(h.get(name)) : List.of(),
                                    Duration.ofSeconds(Long.parseLong(h.get("Retry-After"))), Duration.ofSeconds(1));
                            Thread.sleep(pause.toMillis()); // as OpenAiGrader waits out a 429
                            retry = true;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> at = limit.admittedAt();
        // the steady rate, from the first quarter (past the first burst, sent before any reply told the limit)
        // to the ninth tenth (before the last calls refused in that burst, which wait out a whole Retry-After)
        int lo = at.size() / 4;
        int hi = at.size() * 9 / 10;
        double seconds = (at.get(hi) - at.get(lo)) / 1e9;
        return new Run(admitted.get(), (hi - lo) / seconds);
    }
}
