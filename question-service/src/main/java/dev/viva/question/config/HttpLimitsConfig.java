package dev.viva.question.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits the HTTP layer enforces before any resource runs, under {@code viva.http.*}; each one answers with a
 * problem+json. The connection codec's own limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) sit above these, so that only absurd requests meet its bare refusal.
 */
@ConfigMapping(prefix = "viva.http")
public interface HttpLimitsConfig {

    /** The longest request target (path and query) accepted; longer is a 414. */
    @WithDefault("4096")
    int maxUriLength();

    /** The most bytes of request headers (names and values) accepted; more is a 431. */
    @WithDefault("16384")
    int maxHeaderBytes();

    /** How long a client may take to send its whole body; slower is a 408 and the connection is closed. */
    @WithDefault("15s")
    Duration bodyTimeout();
}
