package dev.viva.session.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of session-service under {@code viva.*}. */
@ConfigMapping(prefix = "viva")
public interface SessionConfig {

    ServiceToken serviceToken();

    Otel otel();

    Events events();

    Messaging messaging();

    interface Messaging {
        /** How long a graceful stop waits for the grade being applied before it leaves it for redelivery. */
        @WithDefault("10s")
        Duration shutdownGrace();
    }

    interface Events {
        /** How often a session's progress stream repeats the latest counts, so proxies keep a quiet stream open. */
        @WithDefault("20s")
        Duration heartbeat();
    }

    interface Otel {
        /** Export spans (OTLP, to quarkus.otel.exporter.otlp.traces.endpoint); off: traced, logged, not sent. */
        @WithDefault("false")
        boolean export();
    }

    interface ServiceToken {
        /** Issuer of the tokens this service mints to call question-service. */
        @WithDefault("https://viva.local/dev")
        String issuer();

        /** Lifetime of those tokens. */
        @WithDefault("2m")
        Duration ttl();
    }
}
