package dev.viva.session.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request rate limits of the {@code /api}, under {@code viva.rate-limit.*}: one for the whole instance, so a
 * flood cannot exhaust it, and one per user (team and subject), so one user cannot take it all. Beyond either
 * a request is a 429 with {@code Retry-After}.
 */
@ConfigMapping(prefix = "viva.rate-limit")
public interface RateLimitConfig {

    /** Requests the instance serves per {@link #period()}. */
    @WithDefault("2000")
    int global();

    /** Requests one user may make per {@link #period()}. */
    @WithDefault("100")
    int perUser();

    /** The period both limits refill in. */
    @WithDefault("10s")
    Duration period();
}
