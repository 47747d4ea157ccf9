package dev.viva.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural checks for the custom resources that have no Java model on Maven Central: KEDA's
 * ScaledObject (keda.sh/v1alpha1) and CloudNativePG's Cluster and Database (postgresql.cnpg.io/v1).
 * Field names and types follow the operators' CRDs; only the fields listed are accepted, so a typo
 * fails here instead of being pruned silently by the API server.
 */
final class CustomResources {

    private static final Set<String> OBJECT_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");

    private static final Set<String> SCALED_OBJECT_SPEC = Set.of("scaleTargetRef", "pollingInterval",
            "cooldownPeriod", "initialCooldownPeriod", "idleReplicaCount", "minReplicaCount", "maxReplicaCount",
            "fallback", "advanced", "triggers");
    private static final Set<String> SCALE_TARGET_REF = Set.of("apiVersion", "kind", "name", "envSourceContainerName");
    private static final Set<String> TRIGGER = Set.of("type", "name", "metadata", "authenticationRef",
            "metricType", "useCachedMetrics");
    private static final Map<String, Set<String>> TRIGGER_METADATA = Map.of("kafka", Set.of("bootstrapServers",
            "consumerGroup", "topic", "lagThreshold", "activationLagThreshold", "offsetResetPolicy",
            "allowIdleConsumers", "scaleToZeroOnInvalidOffset", "excludePersistentLag", "limitToPartitionsWithLag",
            "partitionLimitation", "sasl", "tls", "version"));
    private static final Set<String> KAFKA_REQUIRED = Set.of("bootstrapServers", "consumerGroup", "topic");

    private static final Set<String> CLUSTER_SPEC = Set.of("instances", "imageName", "imageCatalogRef",
            "imagePullPolicy", "primaryUpdateStrategy", "primaryUpdateMethod", "storage", "walStorage", "resources",
            "affinity", "inheritedMetadata", "bootstrap", "postgresql", "monitoring", "backup", "managed",
            "description", "enableSuperuserAccess", "superuserSecret", "minSyncReplicas", "maxSyncReplicas",
            "startDelay", "stopDelay", "switchoverDelay", "failoverDelay", "priorityClassName", "topologySpreadConstraints",
            "env", "envFrom", "certificates", "externalClusters", "replica", "logLevel", "enablePDB");
    private static final Set<String> CLUSTER_STORAGE = Set.of("size", "storageClass", "resizeInUseVolumes",
            "pvcTemplate");
    private static final Set<String> CLUSTER_AFFINITY = Set.of("enablePodAntiAffinity", "podAntiAffinityType",
            "topologyKey", "nodeSelector", "nodeAffinity", "tolerations", "additionalPodAntiAffinity",
            "additionalPodAffinity");
    private static final Set<String> INITDB = Set.of("database", "owner", "secret", "encoding", "localeCollate",
            "localeCType", "dataChecksums", "walSegmentSize", "postInitSQL", "postInitApplicationSQL",
            "postInitTemplateSQL", "postInitSQLRefs", "postInitApplicationSQLRefs", "options", "import");
    private static final Set<String> DATABASE_SPEC = Set.of("name", "owner", "cluster", "ensure",
            "databaseReclaimPolicy", "encoding", "template", "tablespace", "allowConnections", "connectionLimit",
            "isTemplate", "locale", "localeProvider", "localeCollate", "localeCType", "icuLocale", "icuRules",
            "builtinLocale", "collationVersion", "extensions", "schemas");

    private CustomResources() {
    }

    static List<String> scaledObject(JsonNode object) {
        Problems problems = new Problems(Yaml.id(object));
        problems.onlyFields(object, "", OBJECT_FIELDS);
        JsonNode spec = object.path("spec");
        problems.onlyFields(spec, "spec", SCALED_OBJECT_SPEC);
        problems.onlyFields(spec.path("scaleTargetRef"), "spec.scaleTargetRef", SCALE_TARGET_REF);
        problems.requireText(spec.path("scaleTargetRef"), "spec.scaleTargetRef", "name");
        for (String field : List.of("pollingInterval", "cooldownPeriod", "minReplicaCount", "maxReplicaCount")) {
            if (spec.has(field) && !(spec.get(field).isInt() && spec.get(field).asInt() >= 0)) {
                problems.add("spec." + field + " must be a non-negative integer");
            }
        }
        if (spec.path("minReplicaCount").asInt(0) > spec.path("maxReplicaCount").asInt(100)) {
            problems.add("spec.minReplicaCount is above spec.maxReplicaCount");
        }
        if (!spec.path("triggers").isArray() || spec.path("triggers").isEmpty()) {
            problems.add("spec.triggers must list at least one trigger");
        }
        for (JsonNode trigger : spec.path("triggers")) {
            problems.onlyFields(trigger, "spec.triggers[]", TRIGGER);
            String type = trigger.path("type").asText();
            Set<String> known = TRIGGER_METADATA.get(type);
            if (known == null) {
                problems.add("trigger type '" + type + "' is not checked here");
                continue;
            }
            problems.onlyFields(trigger.path("metadata"), "spec.triggers[" + type + "].metadata", known);
            trigger.path("metadata").fields().forEachRemaining(field -> {
                if (!field.getValue().isTextual()) {
                    problems.add("spec.triggers[" + type + "].metadata." + field.getKey() + " must be a string");
                }
            });
            for (String required : KAFKA_REQUIRED) {
                problems.requireText(trigger.path("metadata"), "spec.triggers[" + type + "].metadata", required);
            }
            for (String number : List.of("lagThreshold", "activationLagThreshold")) {
                String value = trigger.path("metadata").path(number).asText("0");
                if (!value.matches("\\d+")) {
                    problems.add("spec.triggers[kafka].metadata." + number + " must be a whole number");
                }
            }
        }
        return problems.list();
    }

    static List<String> cnpgCluster(JsonNode object) {
        Problems problems = new Problems(Yaml.id(object));
        problems.onlyFields(object, "", OBJECT_FIELDS);
        JsonNode spec = object.path("spec");
        problems.onlyFields(spec, "spec", CLUSTER_SPEC);
        if (!spec.path("instances").isInt() || spec.path("instances").asInt() < 1) {
            problems.add("spec.instances must be a positive integer");
        }
        problems.onlyFields(spec.path("storage"), "spec.storage", CLUSTER_STORAGE);
        problems.requireText(spec.path("storage"), "spec.storage", "size");
        problems.onlyFields(spec.path("affinity"), "spec.affinity", CLUSTER_AFFINITY);
        String antiAffinity = spec.path("affinity").path("podAntiAffinityType").asText("preferred");
        if (!Set.of("preferred", "required").contains(antiAffinity)) {
            problems.add("spec.affinity.podAntiAffinityType must be preferred or required");
        }
        problems.onlyFields(spec.path("inheritedMetadata"), "spec.inheritedMetadata", Set.of("labels", "annotations"));
        problems.onlyFields(spec.path("bootstrap"), "spec.bootstrap", Set.of("initdb", "recovery", "pg_basebackup"));
        JsonNode initdb = spec.path("bootstrap").path("initdb");
        problems.onlyFields(initdb, "spec.bootstrap.initdb", INITDB);
        if (initdb.has("database") != initdb.has("owner")) {
            problems.add("spec.bootstrap.initdb needs both database and owner, or neither");
        }
        problems.onlyFields(initdb.path("secret"), "spec.bootstrap.initdb.secret", Set.of("name"));
        String update = spec.path("primaryUpdateStrategy").asText("unsupervised");
        if (!Set.of("unsupervised", "supervised").contains(update)) {
            problems.add("spec.primaryUpdateStrategy must be unsupervised or supervised");
        }
        return problems.list();
    }

    static List<String> cnpgDatabase(JsonNode object) {
        Problems problems = new Problems(Yaml.id(object));
        problems.onlyFields(object, "", OBJECT_FIELDS);
        JsonNode spec = object.path("spec");
        problems.onlyFields(spec, "spec", DATABASE_SPEC);
        problems.requireText(spec, "spec", "name");
        problems.requireText(spec, "spec", "owner");
        problems.onlyFields(spec.path("cluster"), "spec.cluster", Set.of("name"));
        problems.requireText(spec.path("cluster"), "spec.cluster", "name");
        String ensure = spec.path("ensure").asText("present");
        if (!Set.of("present", "absent").contains(ensure)) {
            problems.add("spec.ensure must be present or absent");
        }
        return problems.list();
    }

    private static final class Problems {
        private final String id;
        private final List<String> problems = new ArrayList<>();

        Problems(String id) {
            this.id = id;
        }

        void add(String problem) {
            problems.add(id + ": " + problem);
        }

        void onlyFields(JsonNode node, String path, Set<String> allowed) {
            if (node.isMissingNode()) {
                return;
            }
            if (!node.isObject()) {
                add((path.isEmpty() ? "the object" : path) + " must be a mapping");
                return;
            }
            node.fieldNames().forEachRemaining(field -> {
                if (!allowed.contains(field)) {
                    add("unknown field " + (path.isEmpty() ? field : path + "." + field));
                }
            });
        }

        void requireText(JsonNode node, String path, String field) {
            if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
                add(path + "." + field + " is required (a string)");
            }
        }

        List<String> list() {
            return problems;
        }
    }
}
