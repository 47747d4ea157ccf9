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
import com.openai.core.http.HttpResponseFor;
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
 * Grades with a chat completion constrained by a strict JSON schema. Every call goes through the
 * {@link RateLimitPacer}, which lets it out when the provider's rate limit has room for it. A rate limit
 * (429) is waited out as the provider says and never counts as a failure; 5xx and timeouts are retried
 * with exponential back-off and jitter (honouring Retry-After); an exhausted quota fails at once; an
 * unusable reply is retried a few times and then recorded as FAILED, never as a score.
 */
public class OpenAiGrader implements Grader {

    private static final Logger LOG = Logger.getLogger(OpenAiGrader.class);

    private final OpenAIClient client;
    private final GraderConfig.Llm config;
    private final MeterRegistry registry;
    private final Sleeper sleeper;
    private final RateLimitPacer pacer;

    /** Waits between attempts; tests and benchmarks may replace it. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** A grader of its own (the calibration command): paced by the provider's headers, up to 64 calls at once. */
    public OpenAiGrader(OpenAIClient client, GraderConfig.Llm config, MeterRegistry registry) {
        this(client, config, registry, new RateLimitPacer(
                new RateLimitPacer.Settings(1, 64, Duration.ofMillis(500), Duration.ofMinutes(2)), registry));
    }

    public OpenAiGrader(OpenAIClient client, GraderConfig.Llm config, MeterRegistry registry, RateLimitPacer pacer) {
        this(client, config, registry, pacer, d -> Thread.sleep(d.toMillis()));
    }

    OpenAiGrader(OpenAIClient client, GraderConfig.Llm config, MeterRegistry registry, RateLimitPacer pacer,
            Sleeper sleeper) {
        this.client = client;
        this.config = config;
        this.registry = registry;
        this.pacer = pacer;
        this.sleeper = sleeper;
    }

    /**
     * The tokens the provider charges a call against its tokens-per-minute limit when it admits it, as
     * OpenAI estimates them: the characters of the messages / 4, plus the completion budget.
     */
    long estimatedTokens(Rubric rubric, UUID answerId, String answer) {
        long chars = GraderPrompt.INSTRUCTIONS.length() + GraderPrompt.rubricMessage(rubric).length()
                + GraderPrompt.answerMessage(answerId, answer).length();
        return (chars + 3) / 4 + config.maxOutputTokens();
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

    /** What a rubric contributes to every request: its system message and its reply schema, built once. */
    private record RubricPart(String message, ResponseFormatJsonSchema format) {
    }

    private static final int RUBRIC_PARTS = 500;
    private final Map<Rubric, RubricPart> rubricParts = new java.util.concurrent.ConcurrentHashMap<>();

    private RubricPart rubricPart(Rubric rubric) {
        RubricPart part = rubricParts.get(rubric);
        if (part != null) {
            return part;
        }
        // Turning the schema into the SDK's JSON values took a few per cent of a grading's CPU under load.
        ResponseFormatJsonSchema.JsonSchema.Schema.Builder schemaBuilder = ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        GraderPrompt.replySchema(rubric).forEach((k, v) -> schemaBuilder.putAdditionalProperty(k, JsonValue.from(v)));
        part = new RubricPart(GraderPrompt.rubricMessage(rubric), ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("grading")
                        .strict(true)
                        .schema(schemaBuilder.build())
                        .build())
                .build());
        if (rubricParts.size() >= RUBRIC_PARTS) {
            rubricParts.clear(); // rubric versions come and go; a bounded map, rebuilt on demand
        }
        rubricParts.put(rubric, part);
        return part;
    }

    ChatCompletionCreateParams params(Rubric rubric, UUID answerId, String answer) {
        RubricPart part = rubricPart(rubric);
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder()
                .model(config.model())
                .addSystemMessage(GraderPrompt.INSTRUCTIONS)
                .addSystemMessage(part.message())
                .addUserMessage(GraderPrompt.answerMessage(answerId, answer))
                .temperature(config.temperature())
                .maxCompletionTokens(config.maxOutputTokens())
                .responseFormat(part.format());
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
        long tokens = estimatedTokens(rubric, answerId, answer);
        while (true) {
            attempts++;
            Duration wait = null;
            RateLimitPacer.Permit permit;
            try {
                permit = pacer.acquire(tokens, attempts > 1);
            } catch (InterruptedException ie) {
                // shutting down: nothing is stored, the record is delivered again
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the model's rate limit", ie);
            }
            long start = System.nanoTime();
            try {
                ChatCompletion completion;
                try (HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse().create(params)) {
                    pacer.replied(permit, response.headers()::values);
                    completion = response.parse();
                }
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
                    pacer.failed(permit, e.headers()::values);
                    return failed("quota exhausted (429 insufficient_quota)", raw, promptTokens, completionTokens,
                            totalTokens, latencyMs, attempts);
                }
                // Waited out as long as the provider asks, then paced with every other call; never a failure.
                Duration pause = pacer.rateLimited(permit, e.headers()::values, retryAfter(e), backoff);
                if (backoff.compareTo(config.maxBackoff()) < 0) {
                    backoff = backoff.multipliedBy(2);
                }
                Timer.builder("viva.llm.latency").tag("outcome", "rate_limited").register(registry).record(Duration.ZERO);
                LOG.debugf("Model call for answer %s rate limited (429), attempt %d; retrying in %d ms", answerId,
                        attempts, pause.toMillis());
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting out a rate limit", ie);
                }
                continue;
            } catch (InternalServerException e) {
                latencyMs += (System.nanoTime() - start) / 1_000_000;
                pacer.failed(permit, e.headers()::values);
                lastProblem = "server error (" + e.statusCode() + ")";
                wait = retryAfter(e);
            } catch (OpenAIServiceException e) {
                latencyMs += (System.nanoTime() - start) / 1_000_000;
                pacer.failed(permit, e.headers()::values);
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
                pacer.failed(permit);
                lastProblem = "invalid reply: unreadable completion";
                if (++invalidReplies > config.invalidReplyRetries()) {
                    return failed(lastProblem, raw, promptTokens, completionTokens, totalTokens, latencyMs, attempts);
                }
                continue;
            } finally {
                pacer.failed(permit); // no-op when the reply was already handed back
            }
            Timer.builder("viva.llm.latency").tag("outcome", "error").register(registry).record(Duration.ZERO);
            if (++transportFailures > config.maxRetries()) {
                return failed(lastProblem + " after " + attempts + " attempts", raw, promptTokens, completionTokens,
                        totalTokens, latencyMs, attempts);
            }
            Duration delay = wait != null ? wait : jittered(backoff);
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

    /** Between half and all of {@code d}, so gradings that failed together do not retry together. */
    static Duration jittered(Duration d) {
        long nanos = d.toNanos();
        return Duration.ofNanos(nanos / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
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
