package dev.viva.grader.llm;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

import dev.viva.grader.config.GraderConfig;
import io.micrometer.core.instrument.MeterRegistry;

/** The application's single OpenAI client, built from configuration, and its pacer; created only in LLM mode. */
@ApplicationScoped
public class OpenAiClientProducer {

    /** OpenAI-compatible servers such as Ollama or vLLM accept any key; the SDK needs one. */
    static final String PLACEHOLDER_KEY = "not-needed";

    @Produces
    @Singleton
    OpenAIClient openAiClient(GraderConfig config) {
        GraderConfig.Llm llm = config.llm();
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .apiKey(llm.apiKey().orElse(PLACEHOLDER_KEY))
                .timeout(llm.timeout())
                // Retries are ours (OpenAiGrader) so that every attempt is counted in the evaluation.
                .maxRetries(0)
                // Calls are blocking (they do not queue in OkHttp's dispatcher); keep one idle connection per
                // grading thread, or OkHttp's default of 5 closes the others between two calls and every
                // call past the fifth opens (and, over TLS, negotiates) a new connection.
                .maxIdleConnections(maxCalls(config))
                .keepAliveDuration(Duration.ofMinutes(5));
        llm.baseUrl().ifPresent(builder::baseUrl);
        return builder.build();
    }

    /** Paces every model call of this instance to the provider's rate limit. */
    @Produces
    @Singleton
    RateLimitPacer pacer(GraderConfig config, MeterRegistry registry) {
        GraderConfig.Pacing p = config.pacing();
        return new RateLimitPacer(new RateLimitPacer.Settings(p.minInFlight(), maxCalls(config), p.jitter(),
                p.maxRetryAfter()), registry);
    }

    /** Every thread that may call the model at once: the Kafka gradings and the regrades. */
    static int maxCalls(GraderConfig config) {
        return config.pacing().maxInFlight().orElse(config.maxInFlight() + config.regrade().maxInFlight());
    }

    void close(@Disposes OpenAIClient client) {
        client.close();
    }
}
