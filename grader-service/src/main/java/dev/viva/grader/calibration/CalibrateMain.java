package dev.viva.grader.calibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.llm.Grader;
import dev.viva.grader.llm.LocalGrader;
import dev.viva.grader.llm.OpenAiGrader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code deploy/viva calibrate [--set FILE]... [--repeat K] [--bank DIR]}: runs labeled sets through the
 * grader the environment configures, the way grader-service would pick it: an OpenAI-compatible model
 * when OPENAI_API_KEY or OPENAI_BASE_URL is set (OPENAI_MODEL, OPENAI_TEMPERATURE, OPENAI_SEED), the
 * local grader otherwise. Prints the agreement figures; exits 1 when a set misses the bar a team should
 * ask of a grader before trusting it (Spearman 0.85, label order, gaming at most 10, injections flagged,
 * none flagged falsely) and 2 on bad arguments.
 */
public final class CalibrateMain {

    private CalibrateMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> sets = new ArrayList<>();
        Path bank = Path.of("question-service/src/main/resources/bank");
        int repeat = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--set" -> sets.add(Path.of(value(args, ++i)));
                case "--bank" -> bank = Path.of(value(args, ++i));
                case "--repeat" -> repeat = Integer.parseInt(value(args, ++i));
                case "-h", "--help" -> {
                    System.out.println("usage: calibrate [--set FILE]... [--repeat K] [--bank DIR]");
                    return;
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (sets.isEmpty()) {
            sets.add(Path.of("grader-service/src/test/resources/calibration/held-out.yaml"));
        }
        if (repeat < 1) {
            usage("--repeat must be at least 1");
        }
        if (!Files.isDirectory(bank)) {
            usage("no bank folder " + bank + " (give --bank DIR)");
        }
        Map<String, Rubric> rubrics = BankRubrics.read(bank, Path.of("grader-service/src/test/resources/fixture-bank"));
        Grader grader = grader(System.getenv());
        boolean ok = true;
        for (Path file : sets) {
            Calibration.Report report = Calibration.run(grader, LabeledSet.read(file), rubrics, repeat);
            report.print(System.out);
            System.out.println();
            ok &= meetsBar(report);
        }
        System.exit(ok ? 0 : 1);
    }

    /** The bar a grader must meet on a set before a team trusts it. */
    public static boolean meetsBar(Calibration.Report r) {
        return r.failures() == 0 && r.spearman() >= 0.85 && r.levelsOrdered() && r.gamingOverCeiling().isEmpty()
                && r.injectionsFlagged() == r.injectionsExpected() && r.falseInjectionFlags().isEmpty();
    }

    static Grader grader(Map<String, String> env) {
        Optional<String> key = Optional.ofNullable(env.get("OPENAI_API_KEY")).filter(s -> !s.isBlank());
        Optional<String> url = Optional.ofNullable(env.get("OPENAI_BASE_URL")).filter(s -> !s.isBlank());
        if (key.isEmpty() && url.isEmpty()) {
            return new LocalGrader();
        }
        GraderConfig.Llm config = new EnvLlm(key, url, env);
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder().apiKey(key.orElse("not-needed"))
                .timeout(config.timeout()).maxRetries(0);
        url.ifPresent(builder::baseUrl);
        OpenAIClient client = builder.build();
        return new OpenAiGrader(client, config, new SimpleMeterRegistry());
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String message) {
        System.err.println(message);
        System.err.println("usage: calibrate [--set FILE]... [--repeat K] [--bank DIR]");
        System.exit(2);
    }

    /** The LLM settings from the same environment variables grader-service reads. */
    record EnvLlm(Optional<String> apiKey, Optional<String> baseUrl, Map<String, String> env) implements GraderConfig.Llm {
        @Override
        public String model() {
            return env.getOrDefault("OPENAI_MODEL", "gpt-4o-mini");
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(Long.parseLong(env.getOrDefault("OPENAI_TIMEOUT_SECONDS", "60")));
        }

        @Override
        public int maxRetries() {
            return 4;
        }

        @Override
        public int invalidReplyRetries() {
            return 2;
        }

        @Override
        public Duration initialBackoff() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration maxBackoff() {
            return Duration.ofSeconds(30);
        }

        @Override
        public double temperature() {
            return Double.parseDouble(env.getOrDefault("OPENAI_TEMPERATURE", "0"));
        }

        @Override
        public OptionalDouble topP() {
            return OptionalDouble.empty();
        }

        @Override
        public long maxOutputTokens() {
            return 1500;
        }

        @Override
        public OptionalLong seed() {
            String s = env.get("OPENAI_SEED");
            return s == null || s.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
        }

        @Override
        public Map<String, GraderConfig.Price> prices() {
            return Map.of();
        }
    }
}
