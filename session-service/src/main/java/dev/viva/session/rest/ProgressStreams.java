package dev.viva.session.rest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.session.config.QuotaConfig;
import dev.viva.session.service.Caller;
import dev.viva.session.service.ProblemException;
import io.smallrye.mutiny.Multi;

/**
 * Bounds the progress streams one user holds open ({@code viva.quotas.streams-per-user}); one more is a 429.
 * A stream's slot is given back when it ends for any reason, a client that went away included.
 */
@ApplicationScoped
public class ProgressStreams {

    /** A closed stream frees its slot at once; a client can try again after a few seconds. */
    private static final long RETRY_AFTER_SECONDS = 5;

    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final int perUser;

    public ProgressStreams(QuotaConfig config) {
        this.perUser = config.streamsPerUser();
    }

    /** {@code stream}, counted against the caller's limit from now until it terminates. */
    public <T> Multi<T> bounded(Caller caller, Multi<T> stream) {
        String key = caller.team() + '\u0000' + caller.subject();
        AtomicInteger count = open.computeIfAbsent(key, k -> new AtomicInteger());
        if (count.incrementAndGet() > perUser) {
            release(key, count);
            throw ProblemException.tooManyRequests("You have " + perUser + " progress streams open already; close one first",
                    RETRY_AFTER_SECONDS);
        }
        return stream.onTermination().invoke(() -> release(key, count));
    }

    /** How many streams this caller holds open now. */
    int openBy(Caller caller) {
        AtomicInteger count = open.get(caller.team() + '\u0000' + caller.subject());
        return count == null ? 0 : count.get();
    }

    private void release(String key, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            open.remove(key, count);
        }
    }
}
