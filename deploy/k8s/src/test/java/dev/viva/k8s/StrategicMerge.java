package dev.viva.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategic merge patch of kustomize for the fields these manifests patch: maps merge
 * recursively, a null deletes, and the lists Kubernetes declares with a merge key (containers by
 * name, env by name, volumeMounts by mountPath, ...) merge element by element; every other list is
 * replaced. Custom resources have no such schema, so kustomize merges them as JSON merge patches
 * (lists replaced): the same happens here. Patch directives ($patch, $retainKeys, ...) are not
 * supported and fail loudly rather than render something kustomize would not.
 */
final class StrategicMerge {

    /** Field path suffix (list fields as "name[]") to the merge key of the list's elements. */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers[]", "name"),
            Map.entry("initContainers[]", "name"),
            Map.entry("ephemeralContainers[]", "name"),
            Map.entry("containers[].env[]", "name"),
            Map.entry("initContainers[].env[]", "name"),
            Map.entry("containers[].volumeMounts[]", "mountPath"),
            Map.entry("initContainers[].volumeMounts[]", "mountPath"),
            Map.entry("containers[].ports[]", "containerPort"),
            Map.entry("initContainers[].ports[]", "containerPort"),
            Map.entry("spec.volumes[]", "name"),
            Map.entry("spec.imagePullSecrets[]", "name"),
            Map.entry("spec.hostAliases[]", "ip"));

    /** Kinds whose schema kustomize knows (built-in API groups). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "networking.k8s.io",
            "policy", "autoscaling", "rbac.authorization.k8s.io");

    private StrategicMerge() {
    }

    static void apply(ObjectNode target, ObjectNode patch) {
        String apiVersion = target.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        boolean builtIn = BUILT_IN_GROUPS.contains(group);
        merge(target, patch, "", builtIn);
    }

    private static void merge(ObjectNode target, ObjectNode patch, String path, boolean builtIn) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = field.getKey();
            if (key.startsWith("$")) {
                throw new UnsupportedOperationException("patch directive " + key + " at " + path + " is not supported");
            }
            JsonNode value = field.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value, childPath, builtIn);
            } else if (value.isArray() && current != null && current.isArray() && builtIn
                    && mergeKey(childPath) != null) {
                mergeList((ArrayNode) current, (ArrayNode) value, childPath, mergeKey(childPath), builtIn);
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static void mergeList(ArrayNode target, ArrayNode patch, String path, String mergeKey, boolean builtIn) {
        for (JsonNode element : patch) {
            JsonNode key = element.get(mergeKey);
            if (!element.isObject() || key == null) {
                throw new IllegalArgumentException("an element of " + path + " in a patch has no " + mergeKey);
            }
            ObjectNode existing = null;
            for (JsonNode candidate : target) {
                if (key.equals(candidate.get(mergeKey))) {
                    existing = (ObjectNode) candidate;
                }
            }
            if (existing == null) {
                target.add(element.deepCopy());
            } else {
                merge(existing, (ObjectNode) element, path + "[]", builtIn);
            }
        }
    }

    static String mergeKey(String path) {
        String listPath = path + "[]";
        for (String suffix : List.copyOf(MERGE_KEYS.keySet())) {
            if (listPath.equals(suffix) || listPath.endsWith("." + suffix)) {
                return MERGE_KEYS.get(suffix);
            }
        }
        return null;
    }
}
