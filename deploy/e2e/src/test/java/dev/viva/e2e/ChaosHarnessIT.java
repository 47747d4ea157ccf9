package dev.viva.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.viva.local.ProcessTree;

/**
 * The chaos harness as a person runs it, smaller: {@code deploy/chaos/run 180 30} submits 180 answers
 * over 30 seconds (each fault lands while answers are still being sent)
 * while it SIGKILLs grader-service, then session-service, restarts the Kafka broker,
 * restarts PostgreSQL and SIGKILLs both services at once; its printed result must say that every
 * answer has exactly one evaluation, none lost and none duplicated.
 */
class ChaosHarnessIT {

    private static final int ANSWERS = Integer.getInteger("chaos.ci.answers", 180);
    private static final int SECONDS = Integer.getInteger("chaos.ci.seconds", 30);
    private static final Pattern RESULT = Pattern.compile("CHAOS RESULT: answers submitted (\\d+), evaluations stored (\\d+), "
            + "duplicates (\\d+), lost (\\d+) \\(graded in the report (\\d+), dead letters (.*)\\)");

    private static final Pattern FAULT_AT = Pattern.compile(" at (\\d+) answers submitted, back after");

    private Process harness;

    @Test
    void theSmallChaosRunLosesNothingAndGradesNothingTwice() throws IOException {
        Path root = Path.of(System.getProperty("viva.project.root", "../..")).toAbsolutePath().normalize();
        Path output = root.resolve("deploy/e2e/target/chaos-run.log");
        Files.createDirectories(output.getParent());
        harness = new ProcessBuilder(root.resolve("deploy/chaos/run").toString(), Integer.toString(ANSWERS), Integer.toString(SECONDS))
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long started = System.nanoTime();

        await().atMost(Duration.ofMinutes(12)).pollInterval(Duration.ofSeconds(1)).until(() -> !harness.isAlive());
        List<String> lines = Files.readAllLines(output);
        lines.stream().filter(l -> l.startsWith("CHAOS")).forEach(System.out::println);
        System.out.printf("CHAOS (CI): the run took %.0f s; its output is in %s%n", (System.nanoTime() - started) / 1e9, output);

        List<String> faults = lines.stream().filter(l -> l.startsWith("CHAOS: ") && l.contains(" at ") && l.contains("answers submitted")).toList();
        assertThat(faults).as("the faults the harness made").hasSize(5).allMatch(l -> l.contains("back after"))
                .anyMatch(l -> l.startsWith("CHAOS: SIGKILL grader-service at"))
                .anyMatch(l -> l.startsWith("CHAOS: SIGKILL session-service at"))
                .anyMatch(l -> l.startsWith("CHAOS: restart the Kafka broker at"))
                .anyMatch(l -> l.startsWith("CHAOS: restart PostgreSQL at"))
                .anyMatch(l -> l.startsWith("CHAOS: SIGKILL grader-service and session-service at"));
        // each fault starts at its share of the answers (10, 25, 40, 60 and 75 %), while the rest are still to come
        int[] shares = {10, 25, 40, 60, 75};
        for (int k = 0; k < faults.size(); k++) {
            Matcher at = FAULT_AT.matcher(faults.get(k));
            assertThat(at.find()).as(faults.get(k)).isTrue();
            assertThat(Integer.parseInt(at.group(1))).as("answers submitted when this fault started: " + faults.get(k))
                    .isEqualTo(ANSWERS * shares[k] / 100);
        }
        String result = lines.stream().filter(l -> l.startsWith("CHAOS RESULT:")).findFirst()
                .orElseThrow(() -> new AssertionError("no CHAOS RESULT line; the run ended with:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))));
        Matcher m = RESULT.matcher(result);
        assertThat(m.find()).as("the result line reads as expected: " + result).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("answers submitted").isEqualTo(ANSWERS);
        assertThat(Integer.parseInt(m.group(2))).as("evaluations stored").isEqualTo(ANSWERS);
        assertThat(Integer.parseInt(m.group(3))).as("duplicates").isZero();
        assertThat(Integer.parseInt(m.group(4))).as("lost").isZero();
        assertThat(Integer.parseInt(m.group(5))).as("answers graded in the report").isEqualTo(ANSWERS);
        assertThat(harness.exitValue()).as("the harness's exit code").isZero();
    }

    @AfterEach
    void stopHarness() {
        if (harness != null) {
            ProcessTree.stop(harness, Duration.ofSeconds(30));
        }
    }
}
