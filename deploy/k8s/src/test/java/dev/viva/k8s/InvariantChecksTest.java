package dev.viva.k8s;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule check reports a broken copy of a rendered overlay: the checks can fail. */
class InvariantChecksTest {

    private final List<ObjectNode> prod = Overlays.render("prod");
    private final List<ObjectNode> dev = Overlays.render("dev");

    @Test
    void aMissingProbeIsReported() {
        container(prod, "session-service").remove("startupProbe");

        assertThat(Invariants.deploymentsAreHardened(prod)).singleElement().asString()
                .contains("Deployment/session-service").contains("startupProbe");
    }

    @Test
    void missingLimitsAndAWeakenedSecurityContextAreReported() {
        ObjectNode container = container(dev, "grader-service");
        container.with("resources").remove("limits");
        container.with("securityContext").put("readOnlyRootFilesystem", false);
        container.with("securityContext").with("capabilities").putArray("drop").add("NET_RAW");
        ((ObjectNode) SchemaTest.find(dev, "Deployment", "grader-service").at("/spec/template/spec/securityContext"))
                .remove("seccompProfile");

        assertThat(Invariants.deploymentsAreHardened(dev)).hasSize(5)
                .allSatisfy(problem -> assertThat(problem).contains("Deployment/grader-service"))
                .anySatisfy(problem -> assertThat(problem).contains("resources.limits.cpu"))
                .anySatisfy(problem -> assertThat(problem).contains("readOnlyRootFilesystem"))
                .anySatisfy(problem -> assertThat(problem).contains("drop ALL"))
                .anySatisfy(problem -> assertThat(problem).contains("seccompProfile"));
    }

    @Test
    void aReadOnlyRootWithoutAWritableTmpIsReported() {
        ArrayNode mounts = (ArrayNode) container(prod, "question-service").path("volumeMounts");
        mounts.remove(0);

        assertThat(Invariants.deploymentsAreHardened(prod)).singleElement().asString().contains("/tmp");
    }

    @Test
    void committedSecretValuesAreReported() {
        List<ObjectNode> objects = new ArrayList<>(prod);
        objects.add(Yaml.readAll("{apiVersion: v1, kind: Secret, metadata: {name: viva-db}, stringData: {password: x}}", "s").get(0));
        ArrayNode env = (ArrayNode) container(objects, "grader-service").path("env");
        env.addObject().put("name", "OPENAI_API_KEY").put("value", "sk-abcdefghijklmnopqrstuvwx");
        SchemaTest.find(objects, "ConfigMap", "question-service-config").with("data")
                .put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://viva-pg-rw:5432/questions?password=hunter2");

        assertThat(Invariants.noSecretValues(objects)).hasSize(4)
                .anySatisfy(problem -> assertThat(problem).contains("Secret/viva-db"))
                .anySatisfy(problem -> assertThat(problem).contains("OPENAI_API_KEY must come from a secretKeyRef"))
                .anySatisfy(problem -> assertThat(problem).contains("value of OPENAI_API_KEY"))
                .anySatisfy(problem -> assertThat(problem).contains("QUARKUS_DATASOURCE_JDBC_URL"));
    }

    @Test
    void aGraderScaledBeyondItsPartitionsIsReported() {
        SchemaTest.find(prod, "ScaledObject", "grader-service").with("spec").put("maxReplicaCount", 12);
        SchemaTest.find(dev, "Job", "kafka-topics");
        ObjectNode devScaled = SchemaTest.find(dev, "ScaledObject", "grader-service");
        ((ObjectNode) devScaled.at("/spec/triggers/0/metadata")).put("topic", "answers.unknown");

        assertThat(Invariants.scaledObjectsFitTheirTopics(prod)).singleElement().asString()
                .contains("maxReplicaCount 12 exceeds the 6 partitions of answers.submitted");
        assertThat(Invariants.scaledObjectsFitTheirTopics(dev)).singleElement().asString()
                .contains("answers.unknown is not created");
    }

    @Test
    void aConnectionTheNetworkPoliciesBlockIsReported() {
        ObjectNode graderPolicy = SchemaTest.find(prod, "NetworkPolicy", "grader-service");
        ((ArrayNode) graderPolicy.at("/spec/egress")).remove(0);

        assertThat(Invariants.networkIsLeastPrivilege(prod)).singleElement().asString()
                .contains("Deployment/grader-service -> question-service:8081").contains("blocked");
    }

    @Test
    void aMissingDefaultDenyOrAPodWithoutItsOwnPolicyIsReported() {
        List<ObjectNode> objects = new ArrayList<>(dev);
        objects.remove(SchemaTest.find(objects, "NetworkPolicy", "default-deny-all"));
        objects.remove(SchemaTest.find(objects, "NetworkPolicy", "kafka-topics"));

        assertThat(Invariants.networkIsLeastPrivilege(objects))
                .anySatisfy(problem -> assertThat(problem).contains("no default-deny"))
                .anySatisfy(problem -> assertThat(problem).contains("Job/kafka-topics: no NetworkPolicy selects its pods"));
    }

    @Test
    void anIngressBackendTheControllerCannotReachIsReported() {
        ObjectNode questionPolicy = SchemaTest.find(dev, "NetworkPolicy", "question-service");
        ((ArrayNode) questionPolicy.at("/spec/ingress/0/from")).remove(0);

        assertThat(Invariants.networkIsLeastPrivilege(dev)).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).startsWith("the ingress controller -> question-service:8081"));
    }

    @Test
    void underReplicatedTopicsAndASinglePostgresInstanceAreReported() {
        SchemaTest.find(prod, "KafkaTopic", "answers-graded").with("spec").put("partitions", 3).put("replicas", 1);
        SchemaTest.find(prod, "KafkaTopic", "answers-graded-dlq").with("spec").with("config").put("min.insync.replicas", 1);
        SchemaTest.find(prod, "Cluster", "viva-pg").with("spec").put("instances", 1);

        assertThat(Invariants.productionDurability(prod)).containsExactlyInAnyOrder(
                "KafkaTopic/answers-graded: partitions must be 6",
                "KafkaTopic/answers-graded: replicas must be 3",
                "KafkaTopic/answers-graded-dlq: min.insync.replicas must be 2",
                "Cluster/viva-pg: instances must be 3");
    }

    @Test
    void aJdbcUrlToADatabaseNobodyCreatesIsReported() {
        prod.remove(SchemaTest.find(prod, "Database", "viva-pg-grader"));
        SchemaTest.find(dev, "ConfigMap", "session-service-config").with("data")
                .put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://pg:5432/sessions");

        assertThat(Invariants.databasesExist(prod)).singleElement().asString().contains("database grader");
        assertThat(Invariants.databasesExist(dev)).singleElement().asString().contains("host pg");
    }

    private static ObjectNode container(List<ObjectNode> objects, String deployment) {
        return (ObjectNode) SchemaTest.find(objects, "Deployment", deployment).at("/spec/template/spec/containers/0");
    }
}
