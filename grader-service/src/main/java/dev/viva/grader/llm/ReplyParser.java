package dev.viva.grader.llm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.grader.domain.GradingVerdicts;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.Verdict;

/** Turns the model's reply into verdicts, rejecting anything that does not fit the rubric. */
public final class ReplyParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReplyParser() {
    }

    /** Thrown for a reply that cannot be used; the message says why and ends up in failure_reason. */
    public static class InvalidReplyException extends Exception {
        public InvalidReplyException(String message) {
            super(message);
        }
    }

    public static GradingVerdicts parse(String reply, Rubric rubric) throws InvalidReplyException {
        if (reply == null || reply.isBlank()) {
            throw new InvalidReplyException("empty reply");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(reply);
        } catch (Exception e) {
            throw new InvalidReplyException("reply is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidReplyException("reply is not a JSON object");
        }
        for (String field : List.of("reasoning", "keyPoints", "criteria", "redFlags", "promptInjectionSuspected",
                "injectionEvidence", "strengths", "improvements")) {
            if (!root.has(field)) {
                throw new InvalidReplyException("reply lacks " + field);
            }
        }
        Map<String, Rubric.KeyPoint> keyPoints = rubric.keyPoints().stream()
                .collect(Collectors.toMap(Rubric.KeyPoint::id, Function.identity()));
        Map<String, Rubric.Criterion> criteria = rubric.criteria().stream()
                .collect(Collectors.toMap(Rubric.Criterion::id, Function.identity()));
        Set<String> redFlags = rubric.redFlags().stream().map(Rubric.RedFlag::id).collect(Collectors.toSet());

        List<GradingVerdicts.KeyPointVerdict> kps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode kp : array(root, "keyPoints")) {
            String id = kp.path("id").asText(null);
            if (id == null || !keyPoints.containsKey(id)) {
                throw new InvalidReplyException("unknown key point id " + id);
            }
            if (!seen.add(id)) {
                throw new InvalidReplyException("key point " + id + " judged twice");
            }
            Verdict verdict;
            try {
                verdict = Verdict.valueOf(kp.path("verdict").asText("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidReplyException("key point " + id + " has verdict " + kp.path("verdict"));
            }
            List<String> evidence = new ArrayList<>();
            for (JsonNode q : array(kp, "evidence")) {
                if (!q.isTextual()) {
                    throw new InvalidReplyException("evidence of " + id + " is not text");
                }
                evidence.add(q.textValue());
            }
            kps.add(new GradingVerdicts.KeyPointVerdict(id, verdict, evidence));
        }
        if (!seen.containsAll(keyPoints.keySet())) {
            Set<String> missing = new HashSet<>(keyPoints.keySet());
            missing.removeAll(seen);
            throw new InvalidReplyException("no verdict for key points " + missing);
        }
        List<GradingVerdicts.CriterionVerdict> crs = new ArrayList<>();
        Set<String> seenCriteria = new HashSet<>();
        for (JsonNode c : array(root, "criteria")) {
            String id = c.path("id").asText(null);
            Rubric.Criterion criterion = id == null ? null : criteria.get(id);
            if (criterion == null) {
                throw new InvalidReplyException("unknown criterion id " + id);
            }
            if (!seenCriteria.add(id)) {
                throw new InvalidReplyException("criterion " + id + " judged twice");
            }
            JsonNode level = c.path("level");
            if (!level.isInt() || level.intValue() < 0 || level.intValue() > criterion.maxLevel()) {
                throw new InvalidReplyException("criterion " + id + " has level " + level + " outside 0.." + criterion.maxLevel());
            }
            crs.add(new GradingVerdicts.CriterionVerdict(id, level.intValue(), c.path("justification").asText("")));
        }
        if (!seenCriteria.containsAll(criteria.keySet())) {
            throw new InvalidReplyException("no level for some criteria");
        }
        List<String> flags = new ArrayList<>();
        for (JsonNode f : array(root, "redFlags")) {
            if (!redFlags.contains(f.asText())) {
                throw new InvalidReplyException("unknown red flag id " + f.asText());
            }
            flags.add(f.asText());
        }
        JsonNode injection = root.get("promptInjectionSuspected");
        if (!injection.isBoolean()) {
            throw new InvalidReplyException("promptInjectionSuspected is not a boolean");
        }
        return new GradingVerdicts(root.path("reasoning").asText(""), kps, crs, flags, injection.booleanValue(),
                root.path("injectionEvidence").asText(""), texts(root, "strengths"), texts(root, "improvements"));
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) throws InvalidReplyException {
        JsonNode a = node.get(field);
        if (a == null || !a.isArray()) {
            throw new InvalidReplyException(field + " is not an array");
        }
        return a;
    }

    private static List<String> texts(JsonNode root, String field) throws InvalidReplyException {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(root, field)) {
            out.add(n.asText());
        }
        return out;
    }
}
