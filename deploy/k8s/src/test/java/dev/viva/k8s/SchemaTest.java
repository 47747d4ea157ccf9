package dev.viva.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rendered object is valid against the schema of its kind. */
class SchemaTest {

    static List<String> overlays() {
        return Overlays.names();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRenderedObjectMatchesItsSchema(String overlay) {
        assertThat(Schemas.validate(Overlays.render(overlay))).isEmpty();
    }

    @Test
    void aMisspelledFieldOfABuiltInKindIsReported() {
        ObjectNode deployment = find(Overlays.render("dev"), "Deployment", "question-service");
        ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        container.set("livenesProbe", container.remove("livenessProbe"));

        assertThat(Schemas.validate(deployment)).singleElement().asString()
                .contains("Deployment/question-service").contains("livenesProbe");
    }

    @Test
    void aNumberWrittenAsAStringOrAStringAsANumberIsReported() {
        ObjectNode hpa = find(Overlays.render("prod"), "HorizontalPodAutoscaler", "session-service");
        hpa.with("spec").put("maxReplicas", "10");
        ObjectNode configMap = find(Overlays.render("prod"), "ConfigMap", "grader-service-config");
        configMap.with("data").put("VIVA_GRADER_MAX_IN_FLIGHT", 4);

        assertThat(Schemas.validate(hpa)).singleElement().asString().contains("HorizontalPodAutoscaler/session-service");
        assertThat(Schemas.validate(configMap)).singleElement().asString().contains("ConfigMap/grader-service-config");
    }

    @Test
    void strimziObjectsAreCheckedAgainstStrimzisModel() {
        ObjectNode topic = find(Overlays.render("prod"), "KafkaTopic", "answers-submitted");
        topic.with("spec").put("partition", 6);
        ObjectNode kafka = find(Overlays.render("prod"), "Kafka", "viva");
        kafka.with("spec").with("kafka").withArray("listeners").addObject().put("name", "extra").put("port", "9094");

        assertThat(Schemas.validate(topic)).singleElement().asString().contains("KafkaTopic/answers-submitted").contains("partition");
        assertThat(Schemas.validate(kafka)).singleElement().asString().contains("Kafka/viva");
    }

    @Test
    void kedaAndCloudNativePgObjectsGetStructuralChecks() {
        ObjectNode scaledObject = find(Overlays.render("prod"), "ScaledObject", "grader-service");
        scaledObject.with("spec").put("maxReplicas", 6);
        ((ObjectNode) scaledObject.at("/spec/triggers/0/metadata")).put("lagThreshold", 10);
        ObjectNode cluster = find(Overlays.render("prod"), "Cluster", "viva-pg");
        cluster.with("spec").put("instances", "3");
        ObjectNode database = find(Overlays.render("prod"), "Database", "viva-pg-sessions");
        database.with("spec").remove("owner");

        assertThat(Schemas.validate(scaledObject)).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).contains("unknown field spec.maxReplicas"))
                .anySatisfy(problem -> assertThat(problem).contains("lagThreshold must be a string"));
        assertThat(Schemas.validate(cluster)).singleElement().asString().contains("spec.instances");
        assertThat(Schemas.validate(database)).singleElement().asString().contains("spec.owner");
    }

    @Test
    void anObjectOfAnUnknownKindIsReported() {
        ObjectNode unknown = Yaml.readAll("{apiVersion: example.com/v1, kind: Widget, metadata: {name: w}}", "w").get(0);

        assertThat(Schemas.validate(unknown)).singleElement().asString().contains("no schema known for example.com/v1/Widget");
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(object -> object.path("kind").asText().equals(kind)
                        && object.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " rendered"));
    }
}
