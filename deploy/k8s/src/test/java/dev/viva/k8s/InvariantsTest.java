package dev.viva.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment rules hold in every overlay. */
class InvariantsTest {

    static List<String> overlays() {
        return Overlays.names();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasProbesResourcesAndARestrictedSecurityContext(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);

        assertThat(Invariants.ofKind(objects, "Deployment")).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("question-service", "session-service", "grader-service");
        assertThat(Invariants.deploymentsAreHardened(objects)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretValueIsRendered(String overlay) {
        assertThat(Invariants.noSecretValues(Overlays.render(overlay))).isEmpty();
    }

    /** Patches and other files are checked as written too, not only what the overlays render. */
    @Test
    void noYamlFileUnderDeployK8sHoldsASecretValue() throws IOException {
        List<ObjectNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Overlays.ROOT)) {
            files.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .filter(path -> !path.startsWith(Overlays.ROOT.resolve("target")))
                    .forEach(path -> documents.addAll(Yaml.readAll(path)));
        }

        assertThat(documents).hasSizeGreaterThan(30);
        assertThat(Invariants.noSecretValues(documents)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theGraderScalesOnConsumerLagUpToThePartitionsOfItsTopic(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);
        JsonNode scaledObject = SchemaTest.find(objects, "ScaledObject", "grader-service");
        JsonNode trigger = scaledObject.at("/spec/triggers/0");

        assertThat(trigger.path("type").asText()).isEqualTo("kafka");
        assertThat(trigger.path("metadata").path("consumerGroup").asText()).isEqualTo("grader-service");
        assertThat(trigger.path("metadata").path("topic").asText()).isEqualTo("answers.submitted");
        assertThat(Invariants.topicPartitions(objects)).containsOnlyKeys(Invariants.TOPICS).containsValue(6);
        assertThat(Invariants.scaledObjectsFitTheirTopics(objects)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPoliciesDenyByDefaultAndAllowEveryConnectionInUse(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);

        assertThat(new Topology(objects).connections()).extracting(c -> c.from().owner() + "->" + c.service().name())
                .contains("Deployment/session-service->question-service", "Deployment/grader-service->question-service");
        assertThat(Invariants.networkIsLeastPrivilege(objects)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyJdbcUrlNamesADatabaseTheOverlayCreates(String overlay) {
        assertThat(Invariants.databasesExist(Overlays.render(overlay))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theIngressRoutesEveryPublicApiToItsService(String overlay) {
        JsonNode ingress = SchemaTest.find(Overlays.render(overlay), "Ingress", "viva");
        Map<String, String> routes = new java.util.TreeMap<>();
        for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
            routes.put(path.path("path").asText(), path.at("/backend/service/name").asText());
        }

        assertThat(routes).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("/api/questions", "question-service"), Map.entry("/api/categories", "question-service"),
                Map.entry("/api/bank", "question-service"), Map.entry("/api/sessions", "session-service"),
                Map.entry("/api/evaluations", "grader-service"), Map.entry("/api/grader", "grader-service"),
                Map.entry("/api/usage", "grader-service"),
                // the web app, path by path, so that /q/ (health, metrics) stays inside the cluster
                Map.entry("/", "session-service"), Map.entry("/app", "session-service"), Map.entry("/js", "session-service"),
                Map.entry("/css", "session-service"), Map.entry("/favicon.svg", "session-service")));
        for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
            if (path.path("path").asText().equals("/") || path.path("path").asText().equals("/favicon.svg")) {
                assertThat(path.path("pathType").asText()).as(path.path("path").asText() + " is exact, not a prefix").isEqualTo("Exact");
            }
        }
    }

    @Test
    void productionKafkaAndPostgresAreReplicated() {
        List<ObjectNode> prod = Overlays.render("prod");

        assertThat(Invariants.productionDurability(prod)).isEmpty();
        assertThat(SchemaTest.find(prod, "KafkaNodePool", "dual-role").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(Invariants.ofKind(prod, "HorizontalPodAutoscaler"))
                .allSatisfy(hpa -> assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void devRunsOneReplicaOfEverything() {
        List<ObjectNode> dev = Overlays.render("dev");

        assertThat(Invariants.ofKind(dev, "HorizontalPodAutoscaler"))
                .allSatisfy(hpa -> assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(1));
        assertThat(SchemaTest.find(dev, "ScaledObject", "grader-service").at("/spec/maxReplicaCount").asInt()).isEqualTo(1);
        assertThat(Invariants.ofKind(dev, "StatefulSet")).extracting(s -> s.at("/spec/replicas").asInt())
                .containsOnly(1);
        assertThat(Invariants.ofKind(dev, "KafkaTopic")).isEmpty();
    }
}
