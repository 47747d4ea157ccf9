package dev.viva.question;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.viva.local.DevTokens;

/** Tokens and question bodies for tests; every test makes its own team and ids so tests never share data. */
final class Fixtures {

    private Fixtures() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String bearer(String team, String... roles) {
        return "Bearer " + DevTokens.mint("user-" + String.join("-", roles), team, roles);
    }

    static String admin(String team) {
        return bearer(team, "admin");
    }

    static String interviewer(String team) {
        return bearer(team, "interviewer");
    }

    static String candidate(String team) {
        return bearer(team, "candidate");
    }

    static String service(String team) {
        return bearer(team, "service");
    }

    /** A valid question in the bank format, as a mutable map so tests can break one field. */
    static Map<String, Object> question(String id, String category, String difficulty, String... tags) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("id", id);
        q.put("category", category);
        q.put("difficulty", difficulty);
        q.put("tags", new ArrayList<>(List.of(tags)));
        q.put("prompt", "Explain " + id + " to a colleague who has not met it before.");
        q.put("referenceAnswer", "A reference answer for " + id + " that an interviewer would be glad to hear.");
        List<Map<String, Object>> keyPoints = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Map<String, Object> kp = new LinkedHashMap<>();
            kp.put("id", "point-" + i);
            kp.put("text", "Key point " + i + " of " + id + ".");
            kp.put("weight", i);
            kp.put("required", i == 1);
            kp.put("terms", new ArrayList<>(List.of("term " + i, "phrase " + i, "word" + i)));
            keyPoints.add(kp);
        }
        q.put("keyPoints", keyPoints);
        Map<String, Object> redFlag = new LinkedHashMap<>();
        redFlag.put("id", "wrong-claim");
        redFlag.put("text", "Claims something false about " + id + ".");
        redFlag.put("penalty", 10);
        q.put("redFlags", new ArrayList<>(List.of(redFlag)));
        q.put("followUps", new ArrayList<>(List.of("What would you measure first?", "When does it fail?")));
        return q;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> keyPoint(Map<String, Object> question, int index) {
        return ((List<Map<String, Object>>) question.get("keyPoints")).get(index);
    }
}
