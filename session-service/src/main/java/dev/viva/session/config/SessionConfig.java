package dev.viva.session.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of session-service under {@code viva.*}. */
@ConfigMapping(prefix = "viva")
public interface SessionConfig {

    Outbox outbox();

    ServiceToken serviceToken();

    Events events();

    interface Events {
        /** How often a session's progress stream repeats the latest counts, so proxies keep a quiet stream open. */
        @WithDefault("20s")
        Duration heartbeat();
    }

    interface Outbox {
        /** Topic the AnswerSubmitted events go to. */
        @WithDefault("answers.submitted")
        String topic();

        /** How many outbox rows one relay pass publishes at most. */
        @WithDefault("50")
        int batchSize();

        /** How long the relay waits for the broker's acknowledgement of one batch. */
        @WithDefault("8s")
        Duration sendTimeout();

        /** Longest pause before a row that failed to publish is tried again. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** How long published rows are kept before the hourly purge removes them. */
        @WithDefault("7d")
        Duration retention();

        /** Producer delivery timeout: a send is given up (and retried later) after this long. */
        @WithDefault("6000")
        int deliveryTimeoutMs();
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
