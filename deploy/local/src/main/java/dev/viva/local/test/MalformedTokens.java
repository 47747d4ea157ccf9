package dev.viva.local.test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.viva.local.DevTokens;

/**
 * Correctly signed development tokens whose {@code sub} or {@code team} claim is missing or not a non-empty
 * string. Every service must refuse each of them with 401 on every {@code /api} route, whatever its roles:
 * the services' claims tests walk their OpenAPI documents with these.
 */
public final class MalformedTokens {

    /** Every role at once, so that a refusal can only come from the claims, never from a role check. */
    private static final String ALL_ROLES = "[\"candidate\",\"interviewer\",\"admin\",\"service\"]";

    private MalformedTokens() {
    }

    /** Description → bearer token. */
    public static Map<String, String> all() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no sub", token(null, "\"acme\""));
        tokens.put("empty sub", token("\"\"", "\"acme\""));
        tokens.put("sub as a number", token("42", "\"acme\""));
        tokens.put("no team", token("\"alice\"", null));
        tokens.put("empty team", token("\"alice\"", "\"\""));
        tokens.put("blank team", token("\"alice\"", "\"   \""));
        tokens.put("team as an array", token("\"alice\"", "[\"acme\"]"));
        tokens.put("team as a number", token("\"alice\"", "7"));
        tokens.put("team as an object", token("\"alice\"", "{\"name\":\"acme\"}"));
        tokens.put("team as a boolean", token("\"alice\"", "true"));
        tokens.put("team as null", token("\"alice\"", "null"));
        tokens.put("team with a control character", token("\"alice\"", "\"ac\\u0000me\""));
        return tokens;
    }

    /** A valid token of {@code team} written with literal quotes: {@code "acme"} is not team acme. */
    public static String quotedTeam(String subject, String team, String role) {
        return token("\"" + subject + "\"", "\"\\\"" + team + "\\\"\"", "[\"" + role + "\"]");
    }

    private static String token(String subJson, String teamJson) {
        return token(subJson, teamJson, ALL_ROLES);
    }

    private static String token(String subJson, String teamJson, String groupsJson) {
        long now = Instant.now().getEpochSecond();
        StringBuilder payload = new StringBuilder("{\"iss\":\"").append(DevTokens.ISSUER).append('"');
        if (subJson != null) {
            payload.append(",\"sub\":").append(subJson);
        }
        if (teamJson != null) {
            payload.append(",\"team\":").append(teamJson);
        }
        payload.append(",\"groups\":").append(groupsJson)
                .append(",\"iat\":").append(now).append(",\"exp\":").append(now + 3600).append('}');
        return DevTokens.sign(payload.toString());
    }
}
