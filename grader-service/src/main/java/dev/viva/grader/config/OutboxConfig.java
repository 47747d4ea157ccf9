package dev.viva.grader.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The outbox relay ({@code viva.outbox.*}); the same keys in every Viva service. Kafka client settings
 * (bootstrap servers, TLS, SASL) come from Quarkus's {@code kafka.*} configuration, as for every other
 * Kafka client of the service.
 */
@ConfigMapping(prefix = "viva.outbox")
public interface OutboxConfig {

    /** Topic the service's events go to. */
    @WithDefault("answers.graded")
    String topic();

    /** Rows one relay pass claims and publishes at most; the relay loops while passes are full. */
    @WithDefault("100")
    int batchSize();

    /**
     * How often the relay looks for due rows without being woken: the safety net for rows whose
     * wake-up was missed (written by another instance, retried after a failure, left by a crash).
     */
    @WithDefault("1s")
    Duration pollEvery();

    /**
     * Shortest interval between the starts of two relay passes. A row committed after a quiet spell leaves at
     * once; under a stream of commits, those within the interval are published by one pass (one transaction,
     * one claim, one broker round trip) instead of one pass each. 0 runs a pass for every wake-up.
     */
    @WithDefault("10ms")
    Duration gather();

    /**
     * Producer delivery timeout: a send is given up after this long and the row is retried later.
     * The relay waits a little longer than this for the broker's acknowledgement, so no send is still
     * in flight when its row is marked for a retry.
     */
    @WithDefault("6s")
    Duration deliveryTimeout();

    /** First pause before a row that failed to publish is tried again; doubles per attempt. */
    @WithDefault("250ms")
    Duration backoff();

    /** Longest pause before a row that failed to publish is tried again. */
    @WithDefault("5s")
    Duration maxBackoff();

    /** How long published rows are kept before the hourly purge removes them. */
    @WithDefault("7d")
    Duration retention();
}
