package dev.viva.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP error contract and the claim rules are one rule written once per service (DESIGN.md: no shared
 * runtime module; STYLE.md: same names in each service). These classes must stay the same in all three
 * services but for their package and imports, so a fix made in one service is made in all of them; so must the
 * outbox relay and publisher of the two services that publish events.
 */
class SharedRulesAgreeTest {

    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("question", "session", "grader");

    @ParameterizedTest(name = "rest/{0}.java is the same in the three services")
    @ValueSource(strings = {"HttpLimits", "JsonProblems", "StrictParameters", "Problems", "StrictJson", "RateLimits",
            "TokenClaims", "ClaimsAugmentor"})
    void theCopiesAgree(String name) throws IOException {
        String question = body("question", "rest/" + name);
        for (String service : SERVICES) {
            assertThat(body(service, "rest/" + name))
                    .as("%s-service/.../rest/%s.java against question-service's copy: change all three together", service, name)
                    .isEqualTo(question);
        }
    }

    /**
     * The outbox, and the gate that holds deliveries back at a stop, are one mechanism in the two services
     * that publish and consume (STYLE.md: same job, same shape).
     */
    @ParameterizedTest(name = "messaging/{0}.java is the same in session-service and grader-service")
    @ValueSource(strings = {"OutboxRelay", "OutboxPublisher", "DeliveryGate"})
    void theOutboxCopiesAgree(String name) throws IOException {
        assertThat(body("grader", "messaging/" + name))
                .as("grader-service/.../messaging/%s.java against session-service's copy: change both together", name)
                .isEqualTo(body("session", "messaging/" + name));
    }

    /** The file without its package and import lines, with the service's own package names made neutral. */
    private static String body(String service, String name) throws IOException {
        Path file = ROOT.resolve(service + "-service/src/main/java/dev/viva/" + service + "/" + name + ".java");
        return Files.readAllLines(file).stream()
                .filter(line -> !line.startsWith("package ") && !line.startsWith("import "))
                .map(line -> line.replace("dev.viva." + service + ".", "dev.viva.<service>."))
                .collect(Collectors.joining("\n"))
                .strip();
    }
}
