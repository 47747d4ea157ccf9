package dev.viva.grader.llm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

import dev.viva.grader.config.GraderConfig;

/** The application's single OpenAI client, built from configuration; created only in LLM mode. */
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
                .maxRetries(0);
        llm.baseUrl().ifPresent(builder::baseUrl);
        return builder.build();
    }

    void close(@Disposes OpenAIClient client) {
        client.close();
    }
}
