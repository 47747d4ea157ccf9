package dev.viva.grader.llm;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.GraderKind;
import dev.viva.grader.domain.GradingVerdicts;
import dev.viva.grader.domain.Rubric;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Grades with a chat completion constrained by a strict JSON schema. Rate limits, 5xx and timeouts
 * are retried with exponential back-off (honouring Retry-After); an exhausted quota fails at once;
 * an unusable reply is retried a few times and then recorded as FAILED, never as a score.
 */
public class OpenAiGrader implements Grader {

    private static final Logger LOG = Logger.getLogger(OpenAiGrader.class);

    private final OpenAIClient client;
    private final GraderConfig.Llm config;
    private final MeterRegistry registry;
    private final Sleeper sleeper;

    /** Waits between attempts; tests and benchmarks may replace it. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public OpenAiGrader(OpenAIClient client, GraderConfig.Llm config, MeterRegistry registry) {
        this(client, config, registry, d -> Thread.sleep(d.toMillis()));
    }

    OpenAiGrader(OpenAIClient client, GraderConfig.Llm config, MeterRegistry registry, Sleeper sleeper) {
        this.client = client;
        this.config = config;
        this.registry = registry;
        this.sleeper = sleeper;
    }

    @Override
    public GraderKind kind() {
        return GraderKind.LLM;
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public String promptVersion() {
        return GraderPrompt.VERSION;
    }

    public Map<String, Object> sampling() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("temperature", config.temperature());
        s.put("top_p", config.topP().isPresent() ? config.topP().getAsDouble() : null);
        s.put("max_tokens", config.maxOutputTokens());
        s.put("seed", config.seed().isPresent() ? config.seed().getAsLong() : null);
        return s;
    }

    ChatCompletionCreateParams params(Rubric rubric, UUID answerId, String answer) {
        Map<String, Object> schema = GraderPrompt.replySchema(rubric);
        ResponseFormatJsonSchema.JsonSchema.Schema.Builder schemaBuilder = ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        schema.forEach((k, v) -> schemaBuilder.putAdditionalProperty(k, JsonValue.from(v)));
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder()
                .model(config.model())
                .addSystemMessage(GraderPrompt.INSTRUCTIONS)
                .addSystemMessage(GraderPrompt.rubricMessage(rubric))
                .addUserMessage(GraderPrompt.answerMessage(answerId, answer))
                .temperature(config.temperature())
                .maxCompletionTokens(config.maxOutputTokens())
                .responseFormat(ResponseFormatJsonSchema.builder()
                        .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                                .name("grading")
                                .strict(true)
                                .schema(schemaBuilder.build())
                                .build())
                        .build());
        config.topP().ifPresent(b::topP);
        config.seed().ifPresent(b::seed);
        return b.build();
    }

    @Override
    public GradeAttempt grade(Rubric rubric, UUID answerId, String answer) {
        ChatCompletionCreateParams params = params(rubric, answerId, answer);
        int attempts = 0;
        int transportFailures = 0;
        int invalidReplies = 0;
        long promptTokens = 0;
        long completionTokens = 0;
        long totalTokens = 0;
        long latencyMs = 0;
        String raw = null;
        String lastProblem;
        Duration backoff = config.initialBackoff();
        while (true) {
            attempts++;
            Duration wait = null;
            long start = System.nanoTime();
            try {
                ChatCompletion completion = client.chat().completions().create(params);
                long took = (System.nanoTime() - start) / 1_000_000;
                latencyMs += took;
                Timer.builder("viva.llm.latency").tag("outcome", "ok").register(registry).record(Duration.ofMillis(took));
                if (completion.usage().isPresent()) {
                    var usage = completion.usage().get();
                    promptTokens += usage.promptTokens();
                    completionTokens += usage.completionTokens();
                    totalTokens += usage.totalTokens();
                    registry.counter("viva.llm.tokens", "type", "prompt").increment(usage.promptTokens());
                    registry.counter("viva.llm.tokens", "type", "completion").increment(usage.completionTokens());
                }
                var choice = completion.choices().isEmpty() ? null : completion.choices().get(0);
                raw = choice == null ? null : choice.message().content().orElse(null);
                try {
                    if (choice == null) {
                        throw new ReplyParser.InvalidReplyException("reply has no choices");
                    }
                    if (choice.message().refusal().isPresent()) {
                        throw new ReplyParser.InvalidReplyException("model refused: " + choice.message().refusal().get());
                    }
                    GradingVerdicts verdicts = ReplyParser.parse(raw, rubric);
                    return attempt(verdicts, null, raw, promptTokens, completionTokens, totalTokens, latencyMs, attempts);
                } catch (ReplyParser.InvalidReplyException e) {
                    lastProblem = "invalid reply: " + e.getMessage();
                    if (++invalidReplies > config.invalidReplyRetries()) {
                        return failed(lastProblem, raw, promptTokens, completionTokens, totalTokens, latencyMs, attempts);
                    }
                    LOG.infof("Invalid model reply for answer %s (attempt %d): %s", answerId, attempts, e.getMessage());
                    continue;
                }
            } catch (RateLimitException e) {
                latencyMs += (System.nanoTime() - start) / 1_000_000;
                if (e.code().filter("insufficient_quota"::equals).isPresent()
                        || e.type().filter("insufficient_quota"::equals).isPresent()) {
                    return failed("quota exhausted (429 insufficient_quota)", raw, promptTokens, completionTokens,
                            totalTokens, latencyMs, attempts);
                }
                lastProblem = "rate limited (429)";
                wait = retryAfter(e);
            } catch (InternalServerException e) {
                latencyMs += (System.nanoTime() - start) / 1_000_000;
                lastProblem = "server error (" + e.statusCode() + ")";
                wait = retryAfter(e);
            } catch (OpenAIServiceException e) {
                latencyMs += (System.nanoTime() - start) / 1_000_000;
                if (e.statusCode() == 408 || e.statusCode() == 409) {
                    lastProblem = "retryable status " + e.statusCode();
                    wait = retryAfter(e);
                } else {
                    return failed("model API refused the request (" + e.statusCode() + ")", raw, promptTokens,
                            completionTokens, totalTokens, latencyMs, attempts);
                }
            } catch (OpenAIIoException e) {
                latencyMs += (System.nanoTime() - start) / 1_000_000;
                lastProblem = "I/O error or timeout calling the model: " + rootMessage(e);
            } catch (OpenAIInvalidDataException e) {
                latencyMs += (System.nanoTime() - start) / 1_000_000;
                lastProblem = "invalid reply: unreadable completion";
                if (++invalidReplies > config.invalidReplyRetries()) {
                    return failed(lastProblem, raw, promptTokens, completionTokens, totalTokens, latencyMs, attempts);
                }
                continue;
            }
            Timer.builder("viva.llm.latency").tag("outcome", "error").register(registry).record(Duration.ZERO);
            if (++transportFailures > config.maxRetries()) {
                return failed(lastProblem + " after " + attempts + " attempts", raw, promptTokens, completionTokens,
                        totalTokens, latencyMs, attempts);
            }
            Duration delay = wait != null ? wait : backoff;
            if (delay.compareTo(config.maxBackoff()) > 0) {
                delay = config.maxBackoff();
            }
            backoff = backoff.multipliedBy(2);
            LOG.infof("Model call for answer %s failed (%s), attempt %d; retrying in %d ms", answerId, lastProblem,
                    attempts, delay.toMillis());
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return failed("interrupted while waiting to retry: " + lastProblem, raw, promptTokens,
                        completionTokens, totalTokens, latencyMs, attempts);
            }
        }
    }

    /** Retry-After in seconds or as an HTTP date, or retry-after-ms; null when absent. */
    static Duration retryAfter(OpenAIServiceException e) {
        List<String> ms = e.headers().values("retry-after-ms");
        if (!ms.isEmpty()) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(ms.get(0).trim()));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        List<String> values = e.headers().values("retry-after");
        if (values.isEmpty()) {
            return null;
        }
        String v = values.get(0).trim();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private GradeAttempt attempt(GradingVerdicts verdicts, String reason, String raw, long pt, long ct, long tt,
            long latency, int attempts) {
        return new GradeAttempt(GraderKind.LLM, config.model(), GraderPrompt.VERSION, sampling(), verdicts, reason, raw,
                pt, ct, tt, latency, attempts, null);
    }

    private GradeAttempt failed(String reason, String raw, long pt, long ct, long tt, long latency, int attempts) {
        return attempt(null, reason, raw, pt, ct, tt, latency, attempts);
    }
}
