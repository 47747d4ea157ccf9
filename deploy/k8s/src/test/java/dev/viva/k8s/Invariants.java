package dev.viva.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The deployment rules. Each check returns what breaks the rule, as readable lines; empty means it holds. */
final class Invariants {

    static final Set<String> TOPICS = Set.of("answers.submitted", "answers.graded", "answers.submitted.dlq",
            "answers.graded.dlq");
    static final String INGRESS_NAMESPACE = "ingress-nginx";
    static final String KEDA_NAMESPACE = "keda";

    private static final Map<String, String> PROBES = Map.of("startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|CREDENTIAL|PRIVATE_?KEY).*");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "-----BEGIN|\\bsk-[A-Za-z0-9_-]{16,}|eyJ[\\w-]{10,}\\.[\\w-]{10,}\\.|://[^/\\s:@]+:[^/\\s@]+@|(?i)password=");

    private Invariants() {
    }

    /** Every Deployment: the three health probes, requests and limits, and the restricted security context. */
    static List<String> deploymentsAreHardened(List<? extends JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            String id = Yaml.id(deployment);
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode podSecurity = pod.path("securityContext");
            Map<String, String> emptyDirs = new HashMap<>();
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("emptyDir")) {
                    emptyDirs.put(volume.path("name").asText(), "emptyDir");
                }
            }
            if (pod.path("containers").isEmpty()) {
                problems.add(id + ": no containers");
            }
            for (JsonNode container : pod.path("containers")) {
                String where = id + " container " + container.path("name").asText();
                PROBES.forEach((probe, path) -> {
                    if (!container.path(probe).path("httpGet").path("path").asText().equals(path)) {
                        problems.add(where + ": " + probe + " must be an HTTP GET of " + path);
                    }
                });
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (container.path("resources").path(kind).path(resource).asText().isBlank()) {
                            problems.add(where + ": resources." + kind + "." + resource + " is not set");
                        }
                    }
                }
                JsonNode security = container.path("securityContext");
                if (!security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean(false))) {
                    problems.add(where + ": runAsNonRoot must be true");
                }
                if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(where + ": readOnlyRootFilesystem must be true");
                }
                if (!security.has("allowPrivilegeEscalation") || security.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(where + ": allowPrivilegeEscalation must be false");
                }
                boolean dropsAll = false;
                for (JsonNode capability : security.path("capabilities").path("drop")) {
                    dropsAll |= capability.asText().equals("ALL");
                }
                if (!dropsAll) {
                    problems.add(where + ": capabilities must drop ALL");
                }
                String seccomp = security.path("seccompProfile").path("type")
                        .asText(podSecurity.path("seccompProfile").path("type").asText(""));
                if (!seccomp.equals("RuntimeDefault")) {
                    problems.add(where + ": seccompProfile must be RuntimeDefault");
                }
                boolean writableTmp = false;
                for (JsonNode mount : container.path("volumeMounts")) {
                    writableTmp |= mount.path("mountPath").asText().equals("/tmp")
                            && emptyDirs.containsKey(mount.path("name").asText());
                }
                if (!writableTmp) {
                    problems.add(where + ": /tmp must be an emptyDir (the root filesystem is read-only)");
                }
            }
        }
        return problems;
    }

    /** No secret values: no Secret with data, secret-looking variables only from secretKeyRef, no keys or passwords in values. */
    static List<String> noSecretValues(List<? extends JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : objects) {
            String id = Yaml.id(object);
            String kind = object.path("kind").asText();
            if (kind.equals("Secret") && (object.has("data") || object.has("stringData"))) {
                problems.add(id + ": a Secret with values is committed; create it with kubectl instead");
            }
            if (kind.equals("ConfigMap")) {
                object.path("data").fields().forEachRemaining(entry -> {
                    if (SECRET_NAME.matcher(entry.getKey()).matches()) {
                        problems.add(id + ": key " + entry.getKey() + " looks like a secret; use a Secret and secretKeyRef");
                    }
                    if (SECRET_VALUE.matcher(entry.getValue().asText()).find()) {
                        problems.add(id + ": the value of " + entry.getKey() + " looks like a key, token or password");
                    }
                });
            }
            scanContainers(object, id, problems);
        }
        return problems;
    }

    private static void scanContainers(JsonNode node, String id, List<String> problems) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                        && field.getValue().isArray()) {
                    for (JsonNode container : field.getValue()) {
                        checkContainer(container, id + " container " + container.path("name").asText(), problems);
                    }
                } else {
                    scanContainers(field.getValue(), id, problems);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> scanContainers(element, id, problems));
        }
    }

    private static void checkContainer(JsonNode container, String where, List<String> problems) {
        for (JsonNode env : container.path("env")) {
            String name = env.path("name").asText();
            boolean fromSecret = env.path("valueFrom").has("secretKeyRef");
            if (SECRET_NAME.matcher(name).matches() && !fromSecret) {
                problems.add(where + ": " + name + " must come from a secretKeyRef");
            }
            if (SECRET_VALUE.matcher(env.path("value").asText("")).find()) {
                problems.add(where + ": the value of " + name + " looks like a key, token or password");
            }
        }
        for (String field : List.of("command", "args")) {
            for (JsonNode part : container.path(field)) {
                if (SECRET_VALUE.matcher(part.asText()).find()) {
                    problems.add(where + ": its " + field + " holds something that looks like a key, token or password");
                }
            }
        }
    }

    /** Partitions of each topic the overlay creates: Strimzi KafkaTopics, or a kafka-topics.sh Job. */
    static Map<String, Integer> topicPartitions(List<? extends JsonNode> objects) {
        Map<String, Integer> partitions = new HashMap<>();
        for (JsonNode topic : ofKind(objects, "KafkaTopic")) {
            String name = topic.path("spec").path("topicName").asText(topic.path("metadata").path("name").asText());
            partitions.put(name, topic.path("spec").path("partitions").asInt(1));
        }
        Pattern loop = Pattern.compile("for (\\w+) in ([^;\\n]+)");
        Pattern count = Pattern.compile("--partitions\\s+(\\d+)");
        for (JsonNode job : ofKind(objects, "Job")) {
            for (JsonNode container : job.at("/spec/template/spec/containers")) {
                StringBuilder text = new StringBuilder();
                container.path("command").forEach(part -> text.append(part.asText()).append('\n'));
                container.path("args").forEach(part -> text.append(part.asText()).append('\n'));
                String script = text.toString();
                if (!script.contains("kafka-topics.sh") || !script.contains("--create")) {
                    continue;
                }
                Matcher partitionsMatcher = count.matcher(script);
                Matcher loopMatcher = loop.matcher(script);
                if (partitionsMatcher.find() && loopMatcher.find()) {
                    for (String topic : loopMatcher.group(2).trim().split("\\s+")) {
                        partitions.put(topic, Integer.parseInt(partitionsMatcher.group(1)));
                    }
                }
            }
        }
        return partitions;
    }

    /** KEDA never scales a Kafka consumer beyond the partitions of its topic, and scales something that exists. */
    static List<String> scaledObjectsFitTheirTopics(List<? extends JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> partitions = topicPartitions(objects);
        for (JsonNode scaledObject : ofKind(objects, "ScaledObject")) {
            String id = Yaml.id(scaledObject);
            String target = scaledObject.at("/spec/scaleTargetRef/name").asText();
            if (ofKind(objects, "Deployment").stream().noneMatch(d -> d.path("metadata").path("name").asText().equals(target))) {
                problems.add(id + ": scales Deployment " + target + ", which is not rendered");
            }
            int max = scaledObject.at("/spec/maxReplicaCount").asInt(100);
            for (JsonNode trigger : scaledObject.at("/spec/triggers")) {
                if (!trigger.path("type").asText().equals("kafka")) {
                    continue;
                }
                String topic = trigger.path("metadata").path("topic").asText();
                Integer topicPartitions = partitions.get(topic);
                if (topicPartitions == null) {
                    problems.add(id + ": topic " + topic + " is not created by this overlay");
                } else if (max > topicPartitions) {
                    problems.add(id + ": maxReplicaCount " + max + " exceeds the " + topicPartitions
                            + " partitions of " + topic + " (extra consumers would idle)");
                }
            }
        }
        return problems;
    }

    /** Default deny, a policy of its own for every pod, and every connection the workloads make allowed. */
    static List<String> networkIsLeastPrivilege(List<? extends JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        Topology topology = new Topology(objects);
        NetworkPolicies policies = new NetworkPolicies(objects);
        boolean defaultDeny = ofKind(objects, "NetworkPolicy").stream().anyMatch(policy ->
                policy.path("spec").path("podSelector").isEmpty()
                        && NetworkPolicies.types(policy).containsAll(List.of("Ingress", "Egress"))
                        && policy.path("spec").path("ingress").isEmpty()
                        && policy.path("spec").path("egress").isEmpty());
        if (!defaultDeny) {
            problems.add("no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
        }
        for (Topology.Pods pod : topology.pods) {
            boolean ownPolicy = ofKind(objects, "NetworkPolicy").stream().anyMatch(policy ->
                    !policy.path("spec").path("podSelector").isEmpty()
                            && NetworkPolicies.selectorMatches(policy.path("spec").path("podSelector"), pod.labels()));
            if (!ownPolicy) {
                problems.add(pod.owner() + ": no NetworkPolicy selects its pods");
            }
            if (pod.podSpec() != null && !policies.allows(pod.peer(),
                    NetworkPolicies.Peer.pod("kube-system", Map.of("k8s-app", "kube-dns")), 53, "UDP")) {
                problems.add(pod.owner() + ": cannot reach DNS");
            }
        }
        for (Topology.Connection connection : topology.connections()) {
            checkReachable(topology, policies, connection.from().peer(), connection.from().owner(),
                    connection.service(), connection.port(), problems);
        }
        for (JsonNode ingress : ofKind(objects, "Ingress")) {
            NetworkPolicies.Peer controller = NetworkPolicies.Peer.pod(INGRESS_NAMESPACE,
                    Map.of("app.kubernetes.io/name", "ingress-nginx"));
            for (JsonNode backend : ingress.findValues("service")) {
                Topology.Service service = topology.services.get(backend.path("name").asText());
                if (service == null) {
                    problems.add(Yaml.id(ingress) + ": backend Service " + backend.path("name").asText() + " is not rendered");
                    continue;
                }
                int port = backend.path("port").has("number") ? backend.path("port").path("number").asInt()
                        : service.ports().get(0).port();
                checkReachable(topology, policies, controller, "the ingress controller", service, port, problems);
            }
        }
        for (JsonNode scaledObject : ofKind(objects, "ScaledObject")) {
            for (JsonNode trigger : scaledObject.at("/spec/triggers")) {
                String servers = trigger.path("metadata").path("bootstrapServers").asText("");
                for (String server : servers.split(",")) {
                    String[] hostPort = server.trim().split(":");
                    Topology.Service service = hostPort.length == 2 ? topology.services.get(hostPort[0]) : null;
                    if (service == null) {
                        problems.add(Yaml.id(scaledObject) + ": bootstrap server " + server + " is not a Service of the overlay");
                        continue;
                    }
                    checkReachable(topology, policies, NetworkPolicies.Peer.pod(KEDA_NAMESPACE,
                            Map.of("app", "keda-operator")), "KEDA", service, Integer.parseInt(hostPort[1]), problems);
                }
            }
        }
        return problems;
    }

    private static void checkReachable(Topology topology, NetworkPolicies policies, NetworkPolicies.Peer from,
                                       String fromName, Topology.Service service, int port, List<String> problems) {
        int targetPort = topology.port(service, port).map(Topology.ServicePort::targetPort).orElse(-1);
        List<Topology.Pods> backends = topology.backends(service);
        if (backends.isEmpty()) {
            problems.add(fromName + " -> Service " + service.name() + ": no pods behind it");
        }
        for (Topology.Pods backend : backends) {
            if (!policies.allows(from, backend.peer(), targetPort, "TCP")) {
                problems.add(fromName + " -> " + service.name() + ":" + port + " (" + backend.owner() + " port "
                        + targetPort + ") is blocked by the NetworkPolicies");
            }
        }
    }

    /** Strimzi topics: 6 partitions, 3 replicas, min.insync.replicas 2; CloudNativePG: 3 instances. */
    static List<String> productionDurability(List<? extends JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode topic : ofKind(objects, "KafkaTopic")) {
            topics.put(topic.path("spec").path("topicName").asText(topic.path("metadata").path("name").asText()), topic);
        }
        for (String name : TOPICS) {
            JsonNode topic = topics.get(name);
            if (topic == null) {
                problems.add("no KafkaTopic for " + name);
                continue;
            }
            JsonNode spec = topic.path("spec");
            if (spec.path("partitions").asInt() != 6) {
                problems.add(Yaml.id(topic) + ": partitions must be 6");
            }
            if (spec.path("replicas").asInt() != 3) {
                problems.add(Yaml.id(topic) + ": replicas must be 3");
            }
            if (!spec.path("config").path("min.insync.replicas").asText().equals("2")) {
                problems.add(Yaml.id(topic) + ": min.insync.replicas must be 2");
            }
        }
        List<? extends JsonNode> clusters = ofKind(objects, "Cluster");
        if (clusters.isEmpty()) {
            problems.add("no CloudNativePG Cluster");
        }
        for (JsonNode cluster : clusters) {
            if (cluster.path("spec").path("instances").asInt() != 3) {
                problems.add(Yaml.id(cluster) + ": instances must be 3");
            }
        }
        return problems;
    }

    /** Every JDBC URL names a PostgreSQL Service of the overlay and a database that overlay creates. */
    static List<String> databasesExist(List<? extends JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        Topology topology = new Topology(objects);
        Set<String> created = new java.util.HashSet<>();
        Pattern createDatabase = Pattern.compile("(?i)CREATE DATABASE\\s+\"?(\\w+)");
        for (JsonNode configMap : ofKind(objects, "ConfigMap")) {
            configMap.path("data").forEach(value -> {
                Matcher matcher = createDatabase.matcher(value.asText());
                while (matcher.find()) {
                    created.add(matcher.group(1));
                }
            });
        }
        for (JsonNode cluster : ofKind(objects, "Cluster")) {
            String database = cluster.at("/spec/bootstrap/initdb/database").asText("app");
            created.add(database);
        }
        for (JsonNode database : ofKind(objects, "Database")) {
            created.add(database.path("spec").path("name").asText());
        }
        Pattern jdbc = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/(\\w+)");
        for (JsonNode configMap : ofKind(objects, "ConfigMap")) {
            configMap.path("data").fields().forEachRemaining(entry -> {
                Matcher matcher = jdbc.matcher(entry.getValue().asText());
                if (matcher.find()) {
                    String where = Yaml.id(configMap) + " " + entry.getKey();
                    if (!topology.services.containsKey(matcher.group(1))) {
                        problems.add(where + ": host " + matcher.group(1) + " is not a Service of the overlay");
                    }
                    if (!created.contains(matcher.group(3))) {
                        problems.add(where + ": database " + matcher.group(3) + " is not created by the overlay");
                    }
                }
            });
        }
        return problems;
    }

    static List<? extends JsonNode> ofKind(List<? extends JsonNode> objects, String kind) {
        return objects.stream().filter(object -> object.path("kind").asText().equals(kind)).toList();
    }
}
