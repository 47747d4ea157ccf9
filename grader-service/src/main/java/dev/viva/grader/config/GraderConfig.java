package dev.viva.grader.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the grader; every key has a default that suits the local stack. */
@ConfigMapping(prefix = "viva.grader")
public interface GraderConfig {

    /** How many answers are graded at once (also the size of the messaging worker pool). */
    @WithDefault("32")
    int maxInFlight();

    /**
     * How many times the LLM grades each answer. Above 1 the samples run at once, their verdicts are combined
     * (median verdict per key point and level per criterion), the evaluation records how much they disagreed,
     * and the review queue shows answers they disagree on. Worth it with a temperature above 0; it costs this
     * many times the tokens. The local grader is deterministic and always grades once.
     */
    @WithDefault("1")
    int samples();

    /**
     * A second grader that grades every answer beside the LLM: {@code off} (the default) or {@code local} (the
     * offline local grader, deterministic, about 40 ms of CPU per answer). Its score and key point verdicts are
     * stored with the evaluation and the review queue lists the answers the two graders disagree on; the LLM's
     * grade stays the grade of record. Ignored when the local grader is the primary grader.
     */
    @WithDefault("off")
    String secondOpinion();

    /** Issuer of the service tokens minted for question-service calls. */
    @WithDefault("https://viva.local/dev")
    String tokenIssuer();

    Llm llm();

    Rubrics rubrics();

    Regrade regrade();

    Pacing pacing();

    /**
     * How model calls follow the provider's rate limit (llm mode): paced by its {@code x-ratelimit-*}
     * headers and its 429s rather than by a fixed number in flight.
     */
    interface Pacing {
        /** Fewest model calls allowed in flight when 429s without rate-limit headers keep halving the limit. */
        @WithDefault("1")
        int minInFlight();

        /** Most model calls in flight; unset: max-in-flight plus regrade.max-in-flight (every grading thread). */
        OptionalInt maxInFlight();

        /** Up to this much random time is added to a Retry-After pause, so instances do not retry in step. */
        @WithDefault("500ms")
        Duration jitter();

        /** Longest pause a Retry-After may impose. */
        @WithDefault("2m")
        Duration maxRetryAfter();
    }

    interface Regrade {
        /** Regrades graded at once, beside the Kafka gradings (they share the model). */
        @WithDefault("4")
        int maxInFlight();

        /** How often the regrade worker looks for due requests without being woken (retries, other instances' requests). */
        @WithDefault("2s")
        Duration pollEvery();
    }

    interface Llm {
        /** API key (env OPENAI_API_KEY). Without it and without a base URL the local grader runs. */
        Optional<String> apiKey();

        /** Base URL of an OpenAI-compatible API (env OPENAI_BASE_URL): OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp. */
        Optional<String> baseUrl();

        /** Model name (env OPENAI_MODEL). */
        @WithDefault("gpt-4o-mini")
        String model();

        /** Timeout of one HTTP call to the model. */
        @WithDefault("60s")
        Duration timeout();

        /** Further attempts after a rate limit, a 5xx or a timeout. */
        @WithDefault("4")
        int maxRetries();

        /** Further attempts after an unparseable or invalid reply. */
        @WithDefault("2")
        int invalidReplyRetries();

        /** First back-off between attempts; doubles each time, unless the server sends Retry-After. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest wait between two attempts. */
        @WithDefault("30s")
        Duration maxBackoff();

        @WithDefault("0")
        double temperature();

        OptionalDouble topP();

        @WithDefault("1500")
        long maxOutputTokens();

        OptionalLong seed();

        /** USD per million tokens, by model name. */
        Map<String, Price> prices();
    }

    interface Price {
        double inputPerMillion();

        double outputPerMillion();
    }

    interface Rubrics {
        /** Lifetime of the service token sent to question-service. */
        @WithDefault("5m")
        Duration tokenTtl();
    }
}
