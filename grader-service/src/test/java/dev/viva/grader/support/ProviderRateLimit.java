package dev.viva.grader.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A model provider's rate limit as OpenAI enforces and reports it: requests per minute and tokens per
 * minute, each a bucket that refills continuously at its per-minute limit; a call is admitted when both
 * buckets hold its charge, else refused with 429. The charge in tokens is OpenAI's estimate at
 * admission (the characters of the messages / 4, plus max_completion_tokens). Every reply, admitted or
 * refused, carries {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests},
 * {@code x-ratelimit-reset-requests} (time until the bucket is full again, as OpenAI writes it: {@code 1s},
 * {@code 6m0s}, {@code 12ms}) and the same three for tokens; a refusal adds {@code Retry-After} in whole
 * seconds.
 */
public final class ProviderRateLimit {

    /** Whether a call got in, and the headers and error body of its reply. */
    public record Admission(boolean admitted, Map<String, String> headers, String error) {
    }

    private final long requestsPerMinute;
    private final long tokensPerMinute;
    private final double requestCapacity;
    private final double tokenCapacity;
    private double requests;
    private double tokens;
    private long at = System.nanoTime();
    private final AtomicLong admitted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final List<Long> admittedAt = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> admittedAtMillis = Collections.synchronizedList(new ArrayList<>());

    public ProviderRateLimit(long requestsPerMinute, long tokensPerMinute, Duration burst) {
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        double minutes = burst.toMillis() / 60_000.0;
        this.requestCapacity = Math.max(1, requestsPerMinute * minutes);
        this.tokenCapacity = Math.max(1, tokensPerMinute * minutes);
        this.requests = requestCapacity;
        this.tokens = tokenCapacity;
    }

    /** OpenAI's estimate of a chat completion's tokens at admission: characters / 4 plus the completion budget. */
    public static long charge(JsonNode request) {
        long chars = 0;
        for (JsonNode m : request.path("messages")) {
            chars += m.path("content").asText().length();
        }
        long completion = request.path("max_completion_tokens").asLong(request.path("max_tokens").asLong(0));
        return (chars + 3) / 4 + completion;
    }

    public long admitted() {
        return admitted.get();
    }

    public long refused() {
        return refused.get();
    }

    /** When each admitted call got in (System.nanoTime). */
    public List<Long> admittedAt() {
        synchronized (admittedAt) {
            return List.copyOf(admittedAt);
        }
    }

    /** Calls admitted between two wall-clock instants (epoch milliseconds). */
    public long admittedBetween(long fromMillis, long toMillis) {
        synchronized (admittedAtMillis) {
            return admittedAtMillis.stream().filter(t -> t >= fromMillis && t <= toMillis).count();
        }
    }

    /** Calls per second the limit allows in the steady state, for calls of {@code tokensPerCall}. */
    public double allowedPerSecond(long tokensPerCall) {
        return Math.min(requestsPerMinute / 60.0, tokensPerMinute / 60.0 / tokensPerCall);
    }

    /** Admits a call charged {@code charge} tokens, or refuses it. */
    public synchronized Admission admit(long charge) {
        long now = System.nanoTime();
        double seconds = (now - at) / 1e9;
        at = now;
        requests = Math.min(requestCapacity, requests + seconds * requestsPerMinute / 60.0);
        tokens = Math.min(tokenCapacity, tokens + seconds * tokensPerMinute / 60.0);
        // a call larger than a whole bucket gets in once the bucket is full
        double tokenNeed = Math.min(charge, tokenCapacity);
        boolean ok = requests >= 1 && tokens >= tokenNeed;
        String error = null;
        Map<String, String> headers = new LinkedHashMap<>();
        if (ok) {
            requests -= 1;
            tokens -= charge;
            admitted.incrementAndGet();
            admittedAt.add(now);
            admittedAtMillis.add(System.currentTimeMillis());
        } else {
            refused.incrementAndGet();
            double waitRequests = requests >= 1 ? 0 : (1 - requests) * 60.0 / requestsPerMinute;
            double waitTokens = tokens >= tokenNeed ? 0 : (tokenNeed - tokens) * 60.0 / tokensPerMinute;
            double wait = Math.max(waitRequests, waitTokens);
            String kind = waitRequests >= waitTokens ? "requests" : "tokens";
            headers.put("Retry-After", Long.toString(Math.max(1, (long) Math.ceil(wait))));
            error = "{\"error\":{\"message\":\"Rate limit reached for test-model on " + kind + " per min: Limit "
                    + (kind.equals("requests") ? requestsPerMinute : tokensPerMinute) + ". Please try again in "
                    + openAiDuration(wait) + ".\",\"type\":\"" + kind + "\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
        }
        headers.put("x-ratelimit-limit-requests", Long.toString(requestsPerMinute));
        headers.put("x-ratelimit-limit-tokens", Long.toString(tokensPerMinute));
        headers.put("x-ratelimit-remaining-requests", Long.toString((long) Math.max(0, Math.floor(requests))));
        headers.put("x-ratelimit-remaining-tokens", Long.toString((long) Math.max(0, Math.floor(tokens))));
        headers.put("x-ratelimit-reset-requests", openAiDuration((requestCapacity - requests) * 60.0 / requestsPerMinute));
        headers.put("x-ratelimit-reset-tokens", openAiDuration((tokenCapacity - tokens) * 60.0 / tokensPerMinute));
        return new Admission(ok, headers, error);
    }

    /** A duration the way OpenAI's headers write it (Go's notation): 12ms, 1s, 17.253s, 6m0s, 1h2m3s. */
    static String openAiDuration(double seconds) {
        if (seconds <= 0) {
            return "0s";
        }
        if (seconds < 1) {
            return trim(String.format(java.util.Locale.ROOT, "%.3f", seconds * 1000)) + "ms";
        }
        long whole = (long) seconds;
        double frac = seconds - whole;
        long h = whole / 3600;
        long m = whole % 3600 / 60;
        String s = trim(String.format(java.util.Locale.ROOT, "%.3f", whole % 60 + frac)) + "s";
        if (h > 0) {
            return h + "h" + m + "m" + s;
        }
        return m > 0 ? m + "m" + s : s;
    }

    private static String trim(String decimal) {
        return decimal.contains(".") ? decimal.replaceAll("0+$", "").replaceAll("\\.$", "") : decimal;
    }
}
