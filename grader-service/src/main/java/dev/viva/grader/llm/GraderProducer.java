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

    /**
     * The second grader beside the LLM ({@code viva.grader.second-opinion=local}): the local grader. Created on
     * first use only, so its embedding model is never loaded while the setting is off.
     */
    @Produces
    @ApplicationScoped
    @SecondOpinionGrader
    Grader secondOpinion(GraderConfig config) {
        if (!secondOpinionOn(config)) {
            throw new IllegalStateException("No second grader: viva.grader.second-opinion is off or the local grader is the primary one");
        }
        LocalGrader local = new LocalGrader();
        LOG.infof("Second opinion on every answer by the local grader %s", local.model());
        return local;
    }

    /**
     * In local mode, or with the local grader as second opinion, the embedding model is loaded at start-up, not
     * by the first answer.
     */
    void warmUp(@Observes StartupEvent event, GraderConfig config) {
        if (!llmConfigured(config) && !"off".equals(secondOpinionSetting(config))) {
            LOG.infof("viva.grader.second-opinion=%s is ignored: the local grader is the primary grader", config.secondOpinion());
        }
        if (!llmConfigured(config) || secondOpinionOn(config)) {
            SentenceEncoder encoder = SentenceEncoder.shared();
            LOG.infof("Loaded the local grader's embedding model %s in %d ms", encoder.description(), encoder.loadMillis());
        }
    }

    /** Whether a second grader grades every answer beside the LLM; an unknown setting stops the start. */
    public static boolean secondOpinionOn(GraderConfig config) {
        return switch (secondOpinionSetting(config)) {
            case "off" -> false;
            case "local" -> llmConfigured(config);
            default -> throw new IllegalArgumentException("viva.grader.second-opinion must be off or local, not "
                    + config.secondOpinion());
        };
    }

    private static String secondOpinionSetting(GraderConfig config) {
        String s = config.secondOpinion().strip().toLowerCase(java.util.Locale.ROOT);
        return s.isEmpty() || s.equals("none") || s.equals("false") ? "off" : s;
    }

    public static boolean llmConfigured(GraderConfig config) {
        return config.llm().apiKey().filter(k -> !k.isBlank()).isPresent()
                || config.llm().baseUrl().filter(u -> !u.isBlank()).isPresent();
    }
}
