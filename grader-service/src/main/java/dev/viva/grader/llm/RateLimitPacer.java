package dev.viva.grader.llm;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Lets model calls through at the rate the provider allows, whatever the number of gradings waiting.
 *
 * <p>The provider's limits are two buckets (requests and tokens per minute) that refill continuously.
 * Every reply, 200 or 429, reports each bucket ({@code x-ratelimit-limit-*}, {@code -remaining-*},
 * {@code -reset-*}); the pacer keeps a copy of both, charges each call it lets through (one request, and
 * the call's estimated tokens) and lets the next call go when both copies hold its charge. A reply
 * corrects the copy: the provider's remaining budget when it admitted that call, refilled since, less
 * what the calls sent after it were charged. Other clients of the same key show up as a lower remaining
 * budget, so several instances share one limit without talking to each other. The number in flight
 * follows (the rate times the model's latency, Little's law) instead of being a fixed pool.
 *
 * <p>A refused call (429) waits its {@code Retry-After} plus a random jitter (so calls refused together
 * do not come back together), then goes before the calls that never went out; the 429's headers have
 * already corrected the buckets, which hold back the others. A provider that sends no rate-limit headers
 * is paced by its 429s alone: a 429 stops every call until its Retry-After, and the number in flight is
 * additive increase, halved on a 429 (at most once per round trip), between {@code minInFlight} and
 * {@code maxInFlight}.
 *
 * <p>Hand-written: resilience4j's RateLimiter and SmallRye Fault Tolerance's {@code @RateLimit} enforce a
 * fixed, configured rate on this side; neither can be corrected by the provider's remaining budget, share
 * one limit between instances, weigh a call by its tokens or pause everything on a Retry-After.
 */
public final class RateLimitPacer {

    /** Bounds and waits of the pacer. */
    public record Settings(int minInFlight, int maxInFlight, Duration jitter, Duration maxRetryAfter) {
        public Settings {
            if (minInFlight < 1 || maxInFlight < minInFlight) {
                throw new IllegalArgumentException("need 1 <= min-in-flight <= max-in-flight");
            }
        }
    }

    /** One call let through; hand it back with exactly one of the completion methods. */
    public static final class Permit {
        final long sentAt;
        final long tokens;
        boolean done;
        /** Refused by the provider, so never charged there. */
        boolean refused;

        Permit(long sentAt, long tokens) {
            this.sentAt = sentAt;
            this.tokens = tokens;
        }
    }

    /** The provider's headers of one reply, or nulls for those it did not send. */
    record Observed(Long limitRequests, Long remainingRequests, Duration resetRequests, Long limitTokens,
            Long remainingTokens, Duration resetTokens) {

        static Observed from(Function<String, List<String>> headers) {
            return new Observed(number(headers, "x-ratelimit-limit-requests"),
                    number(headers, "x-ratelimit-remaining-requests"), duration(headers, "x-ratelimit-reset-requests"),
                    number(headers, "x-ratelimit-limit-tokens"), number(headers, "x-ratelimit-remaining-tokens"),
                    duration(headers, "x-ratelimit-reset-tokens"));
        }

        boolean any() {
            return (limitRequests != null && remainingRequests != null) || (limitTokens != null && remainingTokens != null);
        }
    }

    /** The pacer's copy of one of the provider's buckets. */
    static final class Bucket {
        private boolean known;
        private double perNano;
        private double capacity;
        private double level;
        private long at;

        void refill(long now) {
            if (known && now > at) {
                level = Math.min(capacity, level + perNano * (now - at));
            }
            at = now;
        }

        long nanosUntil(double need, long now) {
            if (!known) {
                return 0;
            }
            refill(now);
            double deficit = Math.min(need, capacity) - level;
            return deficit <= 0 ? 0 : (long) Math.ceil(deficit / perNano);
        }

        void charge(double amount, long now) {
            refill(now);
            level -= amount;
        }

        /**
         * The provider's view when it admitted (or refused) a call sent at {@code sentAt}, less
         * {@code chargedSince}, what the calls sent after it and admitted were charged.
         */
        void observe(Long limit, Long remaining, Duration reset, long sentAt, double chargedSince, long now) {
            if (limit == null || remaining == null || limit <= 0) {
                known = false; // this provider (or this reply) does not limit by this bucket
                return;
            }
            perNano = limit / 60e9;
            capacity = reset == null ? limit : Math.min(limit, Math.max(1, remaining + perNano * reset.toNanos()));
            level = Math.min(capacity, remaining + perNano * Math.max(0, now - sentAt)) - chargedSince;
            at = now;
            known = true;
        }

        boolean known() {
            return known;
        }

        double level() {
            return level;
        }
    }

    private static final long PARK = TimeUnit.SECONDS.toNanos(1);

    private final Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Condition> queue = new ArrayDeque<>();
    /** The calls sent, oldest first, from the oldest one still out: a reply is corrected by those sent after it. */
    private final Deque<Permit> sent = new ArrayDeque<>();
    private final Bucket requests = new Bucket();
    private final Bucket tokens = new Bucket();
    private long blockedUntil = System.nanoTime();
    private double limit;
    private long lastDecrease = System.nanoTime();
    private int inFlight;
    private final Counter rateLimited;
    private final Timer waited;

    public RateLimitPacer(Settings settings, MeterRegistry registry) {
        this.settings = settings;
        this.limit = settings.maxInFlight();
        Gauge.builder("viva.llm.in_flight", this, RateLimitPacer::inFlight)
                .description("model calls in flight").register(registry);
        Gauge.builder("viva.llm.waiting", this, RateLimitPacer::waiting)
                .description("gradings waiting for the provider's rate limit").register(registry);
        Gauge.builder("viva.llm.concurrency_limit", this, RateLimitPacer::concurrencyLimit)
                .description("model calls allowed in flight at once").register(registry);
        this.rateLimited = Counter.builder("viva.llm.rate_limited").description("429 replies from the model provider")
                .register(registry);
        this.waited = Timer.builder("viva.llm.pacing.wait").description("time a model call waited for the rate limit")
                .register(registry);
    }

    /**
     * Waits until the provider's limits leave room for a call of {@code estimatedTokens}, and charges it.
     * A {@code retry} goes before the calls that never went out.
     */
    public Permit acquire(long estimatedTokens, boolean retry) throws InterruptedException {
        long start = System.nanoTime();
        lock.lock();
        Condition me = lock.newCondition();
        if (retry) {
            queue.addFirst(me);
        } else {
            queue.addLast(me);
        }
        try {
            while (true) {
                if (queue.peekFirst() == me) {
                    long now = System.nanoTime();
                    long wait = nanosToWait(estimatedTokens, now);
                    if (wait <= 0) {
                        queue.pollFirst();
                        Permit p = new Permit(now, estimatedTokens);
                        sent.addLast(p);
                        requests.charge(1, now);
                        tokens.charge(estimatedTokens, now);
                        inFlight++;
                        signalHead();
                        waited.record(now - start, TimeUnit.NANOSECONDS);
                        return p;
                    }
                    me.awaitNanos(wait);
                } else {
                    me.await();
                }
            }
        } catch (InterruptedException e) {
            boolean head = queue.peekFirst() == me;
            queue.remove(me);
            if (head) {
                signalHead();
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** The call was answered (200); a reply without rate-limit headers means the provider sets no limit. */
    public void replied(Permit p, Function<String, List<String>> headers) {
        finish(p, headers, Duration.ZERO, false, true);
    }

    /** The call failed with another status; its rate-limit headers, when it has them, still count. */
    public void failed(Permit p, Function<String, List<String>> headers) {
        finish(p, headers, Duration.ZERO, false, false);
    }

    /** The call failed without a reply (timeout, connection lost). */
    public void failed(Permit p) {
        finish(p, null, Duration.ZERO, false, false);
    }

    /**
     * The provider refused the call (429). Returns how long the refused call waits before it asks again:
     * {@code retryAfter} (or {@code fallback} without one) plus a random jitter. When the reply carried the
     * provider's budget, the other calls go on as the corrected buckets allow; without it, nothing goes out
     * until that pause is over.
     */
    public Duration rateLimited(Permit p, Function<String, List<String>> headers, Duration retryAfter, Duration fallback) {
        return finish(p, headers, retryAfter == null ? fallback : retryAfter, true, false);
    }

    private Duration finish(Permit p, Function<String, List<String>> headers, Duration pause, boolean refused,
            boolean answered) {
        lock.lock();
        try {
            if (p.done) {
                return Duration.ZERO;
            }
            p.done = true;
            p.refused = refused;
            inFlight--;
            long now = System.nanoTime();
            Observed seen = headers == null ? null : Observed.from(headers);
            if (seen != null && !seen.any() && !answered) {
                seen = null; // an error page without the provider's budget tells nothing about it
            }
            if (seen != null) {
                // what the provider has charged since it saw this call: the calls sent after it, but not the refused
                long requestsSince = 0;
                long tokensSince = 0;
                boolean after = false;
                for (Permit q : sent) {
                    if (after && !q.refused) {
                        requestsSince++;
                        tokensSince += q.tokens;
                    }
                    after |= q == p;
                }
                requests.observe(seen.limitRequests(), seen.remainingRequests(), seen.resetRequests(), p.sentAt,
                        requestsSince, now);
                tokens.observe(seen.limitTokens(), seen.remainingTokens(), seen.resetTokens(), p.sentAt, tokensSince,
                        now);
            }
            while (!sent.isEmpty() && sent.peekFirst().done) {
                sent.pollFirst();
            }
            boolean paced = seen != null && seen.any();
            Duration own = Duration.ZERO;
            if (refused) {
                rateLimited.increment();
                Duration capped = pause.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : pause;
                long jitter = settings.jitter().isZero() ? 0
                        : ThreadLocalRandom.current().nextLong(settings.jitter().toNanos() + 1);
                own = capped.plusNanos(jitter);
                if (!paced) {
                    // Without the provider's budget the only signals are the 429 and its Retry-After: every
                    // call waits it out, and half as many go out at once, halved once per round trip (the
                    // calls already out when it came are not a second signal).
                    blockedUntil = Math.max(blockedUntil, now + own.toNanos());
                    if (p.sentAt > lastDecrease) {
                        limit = Math.max(settings.minInFlight(), limit / 2);
                        lastDecrease = now;
                    }
                }
            } else if (answered && limit < settings.maxInFlight()) {
                limit = Math.min(settings.maxInFlight(), limit + 1 / limit);
            }
            signalHead();
            return own;
        } finally {
            lock.unlock();
        }
    }

    private long nanosToWait(long estimatedTokens, long now) {
        long wait = blockedUntil - now;
        if (inFlight >= (int) limit) {
            wait = Math.max(wait, PARK); // woken by the next call to finish
        }
        wait = Math.max(wait, requests.nanosUntil(1, now));
        wait = Math.max(wait, tokens.nanosUntil(estimatedTokens, now));
        return wait;
    }

    private void signalHead() {
        Condition head = queue.peekFirst();
        if (head != null) {
            head.signal();
        }
    }

    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    public int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    public int concurrencyLimit() {
        lock.lock();
        try {
            return (int) limit;
        } finally {
            lock.unlock();
        }
    }

    /** How many 429s the provider sent. */
    public long rateLimitedCount() {
        return (long) rateLimited.count();
    }

    private static Long number(Function<String, List<String>> headers, String name) {
        List<String> v = headers.apply(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return (long) Double.parseDouble(v.get(0).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration duration(Function<String, List<String>> headers, String name) {
        List<String> v = headers.apply(name);
        return v == null || v.isEmpty() ? null : parseDuration(v.get(0));
    }

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|\u00b5s|ns)");

    /** OpenAI's reset durations, written as Go writes them ({@code 12ms}, {@code 1s}, {@code 6m0s}), or plain seconds; null if unreadable. */
    static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofNanos((long) (Double.parseDouble(t) * 1e9));
        } catch (NumberFormatException notPlain) {
            // Go notation below
        }
        Matcher m = PART.matcher(t);
        double nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            end = m.end();
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "h" -> 3600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "\u00b5s" -> 1e3;
                default -> 1;
            };
        }
        return end == t.length() && end > 0 ? Duration.ofNanos((long) nanos) : null;
    }
}
