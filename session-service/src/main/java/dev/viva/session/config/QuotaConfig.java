package dev.viva.session.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Defaults for a team that has not set its own ({@code PUT /api/team/settings}), and the limits on what one
 * user may hold open, under {@code viva.quotas.*}.
 */
@ConfigMapping(prefix = "viva.quotas")
public interface QuotaConfig {

    /** Sessions one candidate may start within {@link #window()}. */
    @WithDefault("20")
    int sessionsPerDay();

    /** Answers one candidate may submit to one question of a session within {@link #window()}. */
    @WithDefault("5")
    int answersPerQuestion();

    /** The rolling window both quotas count in. */
    @WithDefault("24h")
    Duration window();

    /** Progress streams (server-sent events) one user may hold open at once. */
    @WithDefault("5")
    int streamsPerUser();
}
