package dev.viva.grader.llm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import com.openai.client.OpenAIClient;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.llm.local.SentenceEncoder;
import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.MeterRegistry;

/** The LLM grader when an API key or a base URL is configured, otherwise the local grader. */
@ApplicationScoped
public class GraderProducer {

    private static final Logger LOG = Logger.getLogger(GraderProducer.class);

    @Produces
    @ApplicationScoped
    Grader grader(GraderConfig config, Instance<OpenAIClient> client, Instance<RateLimitPacer> pacer,
            MeterRegistry registry) {
        if (llmConfigured(config)) {
            LOG.infof("Grading with model %s at %s", config.llm().model(), config.llm().baseUrl().orElse("the OpenAI API"));
            return new OpenAiGrader(client.get(), config.llm(), registry, pacer.get());
        }
        LocalGrader local = new LocalGrader();
        LOG.infof("No LLM configured (OPENAI_API_KEY, OPENAI_BASE_URL): grading with the local grader %s", local.model());
        return local;
    }

    /** In local mode the embedding model is loaded at start-up, not by the first answer. */
    void warmUp(@Observes StartupEvent event, GraderConfig config) {
        if (!llmConfigured(config)) {
            SentenceEncoder encoder = SentenceEncoder.shared();
            LOG.infof("Loaded the local grader's embedding model %s in %d ms", encoder.description(), encoder.loadMillis());
        }
    }

    public static boolean llmConfigured(GraderConfig config) {
        return config.llm().apiKey().filter(k -> !k.isBlank()).isPresent()
                || config.llm().baseUrl().filter(u -> !u.isBlank()).isPresent();
    }
}
