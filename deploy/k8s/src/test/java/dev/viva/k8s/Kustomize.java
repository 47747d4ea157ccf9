package dev.viva.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of kustomize
 * these manifests use: {@code resources} (files and directories), {@code namespace},
 * {@code labels} (metadata only), {@code patches} (strategic merge, target by kind and name) and
 * {@code images}. A kustomization that uses anything else is rejected, so the manifests cannot
 * drift into features this renderer would get wrong.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "namespace", "labels",
            "resources", "patches", "images");

    private static final Set<String> CLUSTER_SCOPED_KINDS = Set.of("Namespace", "ClusterRole",
            "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass",
            "PriorityClass", "IngressClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    private Kustomize() {
    }

    static List<ObjectNode> render(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(directory + " has no kustomization.yaml");
        }
        List<ObjectNode> documents = Yaml.readAll(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + " must hold exactly one document");
        }
        ObjectNode kustomization = documents.get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new UnsupportedOperationException(file + ": field '" + field + "' is not rendered by these checks");
            }
        });
        if (!"Kustomization".equals(kustomization.path("kind").asText())) {
            throw new IllegalArgumentException(file + ": kind must be Kustomization");
        }

        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else if (Files.isRegularFile(path)) {
                objects.addAll(Yaml.readAll(path));
            } else {
                throw new IllegalArgumentException(file + ": resource " + resource.asText() + " does not exist");
            }
        }
        for (ObjectNode object : objects) {
            for (ObjectNode other : objects) {
                if (object != other && sameObject(object, other)) {
                    throw new IllegalArgumentException(file + ": " + Yaml.id(object) + " is declared twice");
                }
            }
        }

        for (JsonNode patch : kustomization.path("patches")) {
            if (!patch.has("path") || patch.size() != 1) {
                throw new UnsupportedOperationException(file + ": only patches with a path (and no target) are supported");
            }
            Path patchFile = directory.resolve(patch.path("path").asText());
            for (ObjectNode patchDocument : Yaml.readAll(patchFile)) {
                ObjectNode target = objects.stream()
                        .filter(object -> matchesPatch(object, patchDocument))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(patchFile + ": no resource matches "
                                + Yaml.id(patchDocument)));
                ObjectNode body = patchDocument.deepCopy();
                body.remove("apiVersion");
                body.remove("kind");
                ((ObjectNode) body.path("metadata")).remove("name");
                if (body.path("metadata").isEmpty()) {
                    body.remove("metadata");
                }
                StrategicMerge.apply(target, body);
            }
        }

        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode object : objects) {
                if (!CLUSTER_SCOPED_KINDS.contains(object.path("kind").asText())) {
                    metadata(object).put("namespace", namespace);
                }
            }
        }

        for (JsonNode labels : kustomization.path("labels")) {
            Iterator<String> fields = labels.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!field.equals("pairs") && !(Set.of("includeSelectors", "includeTemplates").contains(field)
                        && !labels.get(field).asBoolean())) {
                    throw new UnsupportedOperationException(file + ": labels." + field + " is not supported");
                }
            }
            for (ObjectNode object : objects) {
                ObjectNode objectLabels = metadata(object).with("labels");
                labels.path("pairs").fields().forEachRemaining(pair -> objectLabels.put(pair.getKey(), pair.getValue().asText()));
            }
        }

        for (JsonNode image : kustomization.path("images")) {
            for (ObjectNode object : objects) {
                setImages(object, image);
            }
        }
        return objects;
    }

    private static boolean sameObject(JsonNode a, JsonNode b) {
        return a.path("kind").equals(b.path("kind"))
                && a.path("metadata").path("name").equals(b.path("metadata").path("name"))
                && a.path("metadata").path("namespace").equals(b.path("metadata").path("namespace"));
    }

    private static boolean matchesPatch(JsonNode object, JsonNode patch) {
        return object.path("kind").asText().equals(patch.path("kind").asText())
                && object.path("metadata").path("name").asText().equals(patch.path("metadata").path("name").asText())
                && group(object).equals(group(patch));
    }

    private static String group(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.with("metadata");
    }

    /** The image transformer: every containers[].image and initContainers[].image, wherever nested. */
    private static void setImages(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                        && field.getValue().isArray()) {
                    for (JsonNode container : (ArrayNode) field.getValue()) {
                        if (container.hasNonNull("image")) {
                            String updated = updatedImage(container.get("image").asText(), image);
                            ((ObjectNode) container).put("image", updated);
                        }
                    }
                }
                setImages(field.getValue(), image);
            });
        } else if (node.isArray()) {
            node.forEach(element -> setImages(element, image));
        }
    }

    static String updatedImage(String current, JsonNode image) {
        String name = current;
        String suffix = "";
        int at = current.indexOf('@');
        if (at >= 0) {
            name = current.substring(0, at);
            suffix = current.substring(at);
        } else {
            int colon = current.lastIndexOf(':');
            if (colon > current.lastIndexOf('/')) {
                name = current.substring(0, colon);
                suffix = current.substring(colon);
            }
        }
        if (!name.equals(image.path("name").asText())) {
            return current;
        }
        if (image.hasNonNull("newName")) {
            name = image.get("newName").asText();
        }
        if (image.hasNonNull("digest")) {
            suffix = "@" + image.get("digest").asText();
        } else if (image.hasNonNull("newTag")) {
            suffix = ":" + image.get("newTag").asText();
        }
        return name + suffix;
    }
}
