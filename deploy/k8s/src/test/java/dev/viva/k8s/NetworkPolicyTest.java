package dev.viva.k8s;

import dev.viva.k8s.NetworkPolicies.Peer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who can talk to whom in each overlay: the paths in use are open, everything else is closed. */
class NetworkPolicyTest {

    static List<String> overlays() {
        return Overlays.names();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyThePathsInUseAreOpen(String overlay) {
        var objects = Overlays.render(overlay);
        String namespace = objects.get(0).path("metadata").path("namespace").asText();
        NetworkPolicies policies = new NetworkPolicies(objects);
        Peer question = app(namespace, "question-service");
        Peer session = app(namespace, "session-service");
        Peer grader = app(namespace, "grader-service");
        Peer kafka = Peer.pod(namespace, Map.of("viva.dev/backend", "kafka", "strimzi.io/cluster", "viva"));
        Peer postgres = Peer.pod(namespace, Map.of("viva.dev/backend", "postgres", "cnpg.io/cluster", "viva-pg"));
        Peer ingressController = Peer.pod("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
        Peer otherNamespace = Peer.pod("default", Map.of("app.kubernetes.io/name", "session-service"));
        Peer llm = Peer.external("104.18.7.192");

        assertThat(policies.allows(session, question, 8081, "TCP")).isTrue();
        assertThat(policies.allows(grader, question, 8081, "TCP")).isTrue();
        assertThat(policies.allows(ingressController, session, 8082, "TCP")).isTrue();
        assertThat(policies.allows(session, kafka, 9092, "TCP")).isTrue();
        assertThat(policies.allows(question, postgres, 5432, "TCP")).isTrue();
        assertThat(policies.allows(grader, llm, 443, "TCP")).isTrue();

        assertThat(policies.allows(question, session, 8082, "TCP")).as("question -> session").isFalse();
        assertThat(policies.allows(question, kafka, 9092, "TCP")).as("question -> kafka").isFalse();
        assertThat(policies.allows(question, llm, 443, "TCP")).as("question -> internet").isFalse();
        assertThat(policies.allows(grader, llm, 80, "TCP")).as("grader -> internet over plain HTTP").isFalse();
        assertThat(policies.allows(grader, Peer.external("10.1.2.3"), 443, "TCP")).as("grader -> private range").isFalse();
        assertThat(policies.allows(otherNamespace, question, 8081, "TCP")).as("another namespace -> question").isFalse();
        assertThat(policies.allows(ingressController, postgres, 5432, "TCP")).as("ingress -> postgres").isFalse();
        assertThat(policies.allows(session, question, 9000, "TCP")).as("session -> question on another port").isFalse();
    }

    private static Peer app(String namespace, String name) {
        return Peer.pod(namespace, Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/part-of", "viva"));
    }
}
