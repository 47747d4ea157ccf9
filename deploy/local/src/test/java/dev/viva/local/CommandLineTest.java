package dev.viva.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** deploy/viva as a user meets it: help, unknown commands, and the token command's checks. */
class CommandLineTest {

    private static final Path VIVA = Path.of("..", "viva").toAbsolutePath().normalize();

    record Run(int status, String out, String err) {
    }

    @Test
    void helpEndsWithTheSettingsAndAnUnknownCommandGetsTheHelpOnStderrWithStatus2() throws Exception {
        Run help = script("help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("deploy/viva up", "deploy/viva token ROLE NAME TEAM")
                .doesNotContain("set -euo pipefail", "#!/usr/bin/env");
        assertThat(help.out().strip()).endsWith("from the local grader to an LLM.");

        Run unknown = script("stat");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).startsWith("deploy/viva: unknown command 'stat'").contains("deploy/viva up");
    }

    @Test
    void tokenChecksItsRoleAndHoursWithOneLineErrors() throws Exception {
        for (List<String> bad : List.of(List.of("candidat", "alice", "demo"), List.of("candidate,boss", "alice", "demo"),
                List.of("candidate", "alice", "demo", "abc"), List.of("candidate", "alice", "demo", "0"),
                List.of("candidate", "alice", "demo", "-3"), List.of("candidate", "alice", "demo", "0.0000001"),
                List.of("candidate", "alice", "demo", "NaN"), List.of("candidate", "", "demo"), List.of("candidate"))) {
            Run run = token(bad.toArray(String[]::new));
            assertThat(run.status()).as(bad.toString()).isEqualTo(2);
            assertThat(run.out()).as(bad.toString()).isEmpty();
            assertThat(run.err().strip().lines()).as(bad.toString()).hasSize(1);
            assertThat(run.err()).as(bad.toString()).doesNotContain("Exception", "\tat ");
        }
        assertThat(token("candidat", "alice", "demo").err()).contains("unknown role 'candidat'", "candidate, interviewer, admin, service");
        assertThat(token("candidate", "alice", "demo", "abc").err()).contains("HOURS must be a positive number");

        JsonNode half = claims(token("candidate,interviewer", "alice", "demo", "0.5").out());
        assertThat(half.get("exp").asLong() - half.get("iat").asLong()).isEqualTo(1800);
        assertThat(half.get("groups").toString()).contains("candidate", "interviewer");
        JsonNode standard = claims(token("admin", "ada", "demo").out());
        // the same lifetime as the tokens deploy/viva up prints
        assertThat(standard.get("exp").asLong() - standard.get("iat").asLong()).isEqualTo(DevTokens.DEFAULT_TTL.toSeconds())
                .isEqualTo(Duration.ofHours(12).toSeconds());
    }

    private static Run token(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DevTokens.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode claims(String token) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.strip().split("\\.")[1]));
    }

    private static Run script(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", VIVA.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
