package dev.viva.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether NetworkPolicies allow a connection, by the rules of the Kubernetes API: traffic
 * leaves a pod if no policy of type Egress selects it or one of those allows it, and enters a pod if
 * no policy of type Ingress selects it or one of those allows it. Peers are pods (namespace and
 * labels; every namespace carries kubernetes.io/metadata.name) or addresses outside the cluster.
 */
final class NetworkPolicies {

    /** A pod, or (with a null namespace) an address outside the cluster. */
    record Peer(String namespace, Map<String, String> labels, String ip) {
        static Peer pod(String namespace, Map<String, String> labels) {
            return new Peer(namespace, labels, null);
        }

        static Peer external(String ip) {
            return new Peer(null, Map.of(), ip);
        }

        boolean isPod() {
            return namespace != null;
        }
    }

    private final List<? extends JsonNode> policies;

    NetworkPolicies(List<? extends JsonNode> objects) {
        this.policies = objects.stream().filter(object -> object.path("kind").asText().equals("NetworkPolicy")).toList();
    }

    boolean allows(Peer from, Peer to, int port, String protocol) {
        return egressAllowed(from, to, port, protocol) && ingressAllowed(from, to, port, protocol);
    }

    private boolean egressAllowed(Peer from, Peer to, int port, String protocol) {
        if (!from.isPod()) {
            return true;
        }
        List<? extends JsonNode> selecting = selecting(from, "Egress");
        return selecting.isEmpty() || selecting.stream().anyMatch(policy -> rulesAllow(policy, "egress", "to",
                to, port, protocol));
    }

    private boolean ingressAllowed(Peer from, Peer to, int port, String protocol) {
        if (!to.isPod()) {
            return true;
        }
        List<? extends JsonNode> selecting = selecting(to, "Ingress");
        return selecting.isEmpty() || selecting.stream().anyMatch(policy -> rulesAllow(policy, "ingress", "from",
                from, port, protocol));
    }

    /** The policies of the given type that select the pod. */
    List<? extends JsonNode> selecting(Peer pod, String type) {
        return policies.stream()
                .filter(policy -> policy.path("metadata").path("namespace").asText("").equals(pod.namespace()))
                .filter(policy -> types(policy).contains(type))
                .filter(policy -> selectorMatches(policy.path("spec").path("podSelector"), pod.labels()))
                .toList();
    }

    static List<String> types(JsonNode policy) {
        JsonNode declared = policy.path("spec").path("policyTypes");
        if (declared.isArray() && !declared.isEmpty()) {
            return java.util.stream.StreamSupport.stream(declared.spliterator(), false).map(JsonNode::asText).toList();
        }
        return policy.path("spec").has("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private static boolean rulesAllow(JsonNode policy, String direction, String peersField, Peer peer, int port,
                                      String protocol) {
        String namespace = policy.path("metadata").path("namespace").asText("");
        for (JsonNode rule : policy.path("spec").path(direction)) {
            boolean peerMatches = !rule.has(peersField) || rule.path(peersField).isEmpty();
            for (JsonNode candidate : rule.path(peersField)) {
                peerMatches |= peerMatches(candidate, namespace, peer);
            }
            if (peerMatches && portMatches(rule.path("ports"), port, protocol)) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(JsonNode candidate, String policyNamespace, Peer peer) {
        if (candidate.has("ipBlock")) {
            if (peer.isPod()) {
                return false;
            }
            JsonNode block = candidate.path("ipBlock");
            if (!inCidr(peer.ip(), block.path("cidr").asText())) {
                return false;
            }
            for (JsonNode except : block.path("except")) {
                if (inCidr(peer.ip(), except.asText())) {
                    return false;
                }
            }
            return true;
        }
        if (!peer.isPod()) {
            return false;
        }
        boolean namespaceMatches = candidate.has("namespaceSelector")
                ? selectorMatches(candidate.path("namespaceSelector"),
                        Map.of("kubernetes.io/metadata.name", peer.namespace()))
                : peer.namespace().equals(policyNamespace);
        boolean podMatches = !candidate.has("podSelector") || selectorMatches(candidate.path("podSelector"), peer.labels());
        return namespaceMatches && podMatches;
    }

    private static boolean portMatches(JsonNode ports, int port, String protocol) {
        if (!ports.isArray() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode candidate : ports) {
            if (!candidate.path("protocol").asText("TCP").equals(protocol)) {
                continue;
            }
            if (!candidate.has("port")) {
                return true;
            }
            if (candidate.path("port").isInt()) {
                int first = candidate.path("port").asInt();
                int last = candidate.path("endPort").asInt(first);
                if (port >= first && port <= last) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean selectorMatches(JsonNode selector, Map<String, String> labels) {
        Map<String, String> wanted = new HashMap<>();
        selector.path("matchLabels").fields().forEachRemaining(field -> wanted.put(field.getKey(), field.getValue().asText()));
        for (var entry : wanted.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = java.util.stream.StreamSupport.stream(expression.path("values").spliterator(), false)
                    .map(JsonNode::asText).toList();
            boolean matches = switch (expression.path("operator").asText()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new IllegalArgumentException("unknown selector operator " + expression.path("operator"));
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (toLong(ip) & mask) == (toLong(parts[0]) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }
}
