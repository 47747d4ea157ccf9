package dev.viva.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rendered overlay runs: its pods (from workload templates, and the pods the Strimzi and
 * CloudNativePG operators create for their custom resources, labelled the way those operators
 * label them), its Services (declared, and the ones the operators create), and which Service each
 * workload connects to, read from the host:port references in its configuration.
 */
final class Topology {

    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");
    private static final Pattern HOST_PORT = Pattern.compile("(?<![\\w.-])([a-z0-9]([-a-z0-9]*[a-z0-9])?):(\\d{2,5})\\b");

    /** A set of pods with the same labels; podSpec is null for pods an operator creates. */
    record Pods(String owner, String namespace, Map<String, String> labels, JsonNode podSpec) {
        NetworkPolicies.Peer peer() {
            return NetworkPolicies.Peer.pod(namespace, labels);
        }
    }

    record ServicePort(int port, int targetPort) {
    }

    record Service(String name, Map<String, String> selector, List<ServicePort> ports) {
    }

    /** A workload's configuration names a Service port. */
    record Connection(Pods from, Service service, int port) {
    }

    final List<? extends JsonNode> objects;
    final List<Pods> pods = new ArrayList<>();
    final Map<String, Service> services = new LinkedHashMap<>();

    Topology(List<? extends JsonNode> objects) {
        this.objects = objects;
        for (JsonNode object : objects) {
            String kind = object.path("kind").asText();
            String name = object.path("metadata").path("name").asText();
            String namespace = object.path("metadata").path("namespace").asText();
            if (WORKLOAD_KINDS.contains(kind)) {
                JsonNode template = object.path("spec").path("template");
                pods.add(new Pods(kind + "/" + name, namespace, labels(template.path("metadata").path("labels")),
                        template.path("spec")));
            } else if (kind.equals("Cluster") && object.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")) {
                Map<String, String> labels = labels(object.path("spec").path("inheritedMetadata").path("labels"));
                labels.put("cnpg.io/cluster", name);
                labels.put("cnpg.io/podRole", "instance");
                pods.add(new Pods(kind + "/" + name, namespace, labels, null));
                for (String suffix : List.of("-rw", "-ro", "-r")) {
                    services.put(name + suffix, new Service(name + suffix, Map.of("cnpg.io/cluster", name),
                            List.of(new ServicePort(5432, 5432))));
                }
            } else if (kind.equals("KafkaNodePool")) {
                String cluster = object.path("metadata").path("labels").path("strimzi.io/cluster").asText();
                Map<String, String> labels = labels(object.at("/spec/template/pod/metadata/labels"));
                labels.put("strimzi.io/cluster", cluster);
                labels.put("strimzi.io/kind", "Kafka");
                labels.put("strimzi.io/pool-name", name);
                for (JsonNode role : object.path("spec").path("roles")) {
                    labels.put("strimzi.io/" + role.asText() + "-role", "true");
                }
                pods.add(new Pods(kind + "/" + name, namespace, labels, null));
            } else if (kind.equals("Kafka") && object.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                List<ServicePort> ports = new ArrayList<>();
                for (JsonNode listener : object.at("/spec/kafka/listeners")) {
                    if (listener.path("type").asText().equals("internal")) {
                        ports.add(new ServicePort(listener.path("port").asInt(), listener.path("port").asInt()));
                    }
                }
                services.put(name + "-kafka-bootstrap", new Service(name + "-kafka-bootstrap",
                        Map.of("strimzi.io/cluster", name, "strimzi.io/kind", "Kafka", "strimzi.io/broker-role", "true"),
                        ports));
            }
        }
        for (JsonNode object : objects) {
            if (object.path("kind").asText().equals("Service")) {
                Map<String, String> selector = labels(object.path("spec").path("selector"));
                List<ServicePort> ports = new ArrayList<>();
                for (JsonNode port : object.path("spec").path("ports")) {
                    ports.add(new ServicePort(port.path("port").asInt(), targetPort(selector, port)));
                }
                String name = object.path("metadata").path("name").asText();
                services.put(name, new Service(name, selector, ports));
            }
        }
    }

    /** The pods a Service sends traffic to. */
    List<Pods> backends(Service service) {
        return pods.stream().filter(pod -> pod.labels().entrySet().containsAll(service.selector().entrySet())).toList();
    }

    Optional<ServicePort> port(Service service, int port) {
        return service.ports().stream().filter(candidate -> candidate.port() == port).findFirst();
    }

    /** The Service ports each workload's configuration (env, its ConfigMaps, its command) refers to. */
    List<Connection> connections() {
        List<Connection> connections = new ArrayList<>();
        for (Pods from : pods) {
            if (from.podSpec() == null) {
                continue;
            }
            for (String text : configurationOf(from.podSpec())) {
                Matcher matcher = HOST_PORT.matcher(text);
                while (matcher.find()) {
                    Service service = services.get(matcher.group(1));
                    int port = Integer.parseInt(matcher.group(3));
                    if (service != null && port(service, port).isPresent()) {
                        connections.add(new Connection(from, service, port));
                    }
                }
            }
        }
        return connections;
    }

    List<String> configurationOf(JsonNode podSpec) {
        List<String> texts = new ArrayList<>();
        for (String field : List.of("containers", "initContainers")) {
            for (JsonNode container : podSpec.path(field)) {
                container.path("command").forEach(part -> texts.add(part.asText()));
                container.path("args").forEach(part -> texts.add(part.asText()));
                for (JsonNode env : container.path("env")) {
                    texts.add(env.path("value").asText(""));
                    JsonNode ref = env.path("valueFrom").path("configMapKeyRef");
                    if (!ref.isMissingNode()) {
                        texts.add(configMap(ref.path("name").asText()).path(ref.path("key").asText()).asText(""));
                    }
                }
                for (JsonNode source : container.path("envFrom")) {
                    if (source.has("configMapRef")) {
                        configMap(source.path("configMapRef").path("name").asText())
                                .forEach(value -> texts.add(value.asText()));
                    }
                }
            }
        }
        return texts;
    }

    JsonNode configMap(String name) {
        return objects.stream()
                .filter(object -> object.path("kind").asText().equals("ConfigMap")
                        && object.path("metadata").path("name").asText().equals(name))
                .map(object -> object.path("data"))
                .findFirst()
                .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    private int targetPort(Map<String, String> selector, JsonNode port) {
        JsonNode target = port.path("targetPort");
        if (target.isMissingNode()) {
            return port.path("port").asInt();
        }
        if (target.isInt()) {
            return target.asInt();
        }
        for (Pods pod : pods) {
            if (pod.podSpec() != null && pod.labels().entrySet().containsAll(selector.entrySet())) {
                for (JsonNode container : pod.podSpec().path("containers")) {
                    for (JsonNode containerPort : container.path("ports")) {
                        if (containerPort.path("name").asText().equals(target.asText())) {
                            return containerPort.path("containerPort").asInt();
                        }
                    }
                }
            }
        }
        return -1;
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> labels.put(field.getKey(), field.getValue().asText()));
        return labels;
    }
}
