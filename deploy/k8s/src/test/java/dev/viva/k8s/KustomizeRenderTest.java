package dev.viva.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Java renderer produces what kustomize produces, for the features the manifests use. */
class KustomizeRenderTest {

    static List<String> overlays() {
        return Overlays.names();
    }

    @Test
    void thereAreADevAndAProdOverlay() {
        assertThat(Overlays.names()).containsExactly("dev", "prod");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyOverlayRendersWithNamespaceLabelsAndImages(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);

        assertThat(objects).isNotEmpty();
        String namespace = overlay.equals("prod") ? "viva" : "viva-" + overlay;
        assertThat(objects).allSatisfy(object -> {
            assertThat(object.path("metadata").path("namespace").asText()).as(Yaml.id(object)).isEqualTo(namespace);
            assertThat(object.path("metadata").path("labels").path("viva.dev/environment").asText())
                    .as(Yaml.id(object)).isEqualTo(overlay);
        });
        assertThat(objects).filteredOn(object -> object.path("kind").asText().equals("Deployment"))
                .extracting(object -> object.at("/spec/template/spec/containers/0/image").asText())
                .allSatisfy(image -> assertThat(image).matches(".*viva/(question|session|grader)-service:.+"));
    }

    /** Where kubectl is installed, its kustomize must render exactly the same objects. */
    @ParameterizedTest
    @MethodSource("overlays")
    void rendersTheSameObjectsAsKubectlKustomize(String overlay) throws Exception {
        String kubectlOutput = kubectlKustomize(Overlays.directory(overlay));
        assumeTrue(kubectlOutput != null, "kubectl is not installed: nothing to compare with");

        Map<String, JsonNode> expected = byId(Yaml.readAll(kubectlOutput, "kubectl kustomize"));
        Map<String, JsonNode> actual = byId(Overlays.render(overlay));

        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, object) -> assertThat(actual.get(id)).as(id).isEqualTo(object));
    }

    @Test
    void strategicMergeMergesContainersByNameAndReplacesOtherLists() {
        ObjectNode deployment = Yaml.readAll("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: app
                          env: [{name: A, value: "1"}, {name: B, value: "2"}]
                          args: [one, two]
                        - name: sidecar
                          image: sidecar
                """, "deployment").get(0);
        ObjectNode patch = Yaml.readAll("""
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env: [{name: B, value: "3"}]
                          args: [three]
                """, "patch").get(0);

        StrategicMerge.apply(deployment, patch);

        JsonNode containers = deployment.at("/spec/template/spec/containers");
        assertThat(containers).hasSize(2);
        assertThat(containers.at("/0/image").asText()).isEqualTo("app");
        assertThat(containers.at("/0/env/0/value").asText()).isEqualTo("1");
        assertThat(containers.at("/0/env/1/value").asText()).isEqualTo("3");
        assertThat(containers.at("/0/args")).containsExactly(TextNode.valueOf("three"));
        assertThat(containers.at("/1/name").asText()).isEqualTo("sidecar");
    }

    @Test
    void customResourcesGetListsReplacedLikeAJsonMergePatch() {
        ObjectNode scaledObject = Yaml.readAll("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: s}
                spec:
                  triggers: [{type: kafka, name: a}, {type: cpu, name: b}]
                """, "scaled object").get(0);

        StrategicMerge.apply(scaledObject, (ObjectNode) Yaml.readAll("spec: {triggers: [{type: kafka, name: a}]}", "p").get(0));

        assertThat(scaledObject.at("/spec/triggers")).hasSize(1);
    }

    @Test
    void imagesKeepOrReplaceNameTagAndDigest() {
        JsonNode image = Yaml.readAll("{name: viva/app, newName: reg.example/viva/app, newTag: '1.2'}", "i").get(0);

        assertThat(Kustomize.updatedImage("viva/app", image)).isEqualTo("reg.example/viva/app:1.2");
        assertThat(Kustomize.updatedImage("viva/app:old", image)).isEqualTo("reg.example/viva/app:1.2");
        assertThat(Kustomize.updatedImage("viva/other:old", image)).isEqualTo("viva/other:old");
        assertThat(Kustomize.updatedImage("localhost:5000/viva/app", image)).isEqualTo("localhost:5000/viva/app");
    }

    @Test
    void aKustomizationUsingAnUnsupportedFeatureIsRejected(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                configMapGenerator:
                  - name: generated
                    literals: [A=1]
                """);

        assertThatThrownBy(() -> Kustomize.render(directory))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("configMapGenerator");
    }

    @Test
    void aPatchWithoutATargetFailsTheRender(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [cm.yaml]
                patches: [{path: patch.yaml}]
                """);
        Files.writeString(directory.resolve("cm.yaml"), "{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}");
        Files.writeString(directory.resolve("patch.yaml"), "{apiVersion: v1, kind: ConfigMap, metadata: {name: b}}");

        assertThatThrownBy(() -> Kustomize.render(directory)).hasMessageContaining("no resource matches ConfigMap/b");
    }

    private static Map<String, JsonNode> byId(List<? extends JsonNode> objects) {
        Map<String, JsonNode> byId = new TreeMap<>();
        for (JsonNode object : objects) {
            byId.put(object.path("apiVersion").asText() + "/" + Yaml.id(object), object);
        }
        return byId;
    }

    private static String kubectlKustomize(Path directory) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException notInstalled) {
            return null;
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kubectl kustomize did not finish");
        }
        assertThat(process.exitValue()).as("kubectl kustomize " + directory + " exit code").isZero();
        return new String(output, StandardCharsets.UTF_8);
    }
}
