package dev.viva.local.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The error contract of {@code deploy/contracts/README.md} ("Errors") as a check: what is wrong with one error
 * response, in words a failing test can print. The three services' {@code ErrorContractTest}, {@code BadInputTest}
 * and {@code AccessMatrixTest} judge every error they provoke with it.
 */
public final class ProblemContract {

    public static final String TYPE_BASE = "https://viva.dev/problems/";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A qualified Java name, a Jackson token or an exception: implementation words a client never needs. */
    private static final Pattern JAVA = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Za-z_$][\\w$]*|\\bJsonToken\\b|\\bSTART_(?:ARRAY|OBJECT)\\b|\\bVALUE_[A-Z_]+\\b"
                    + "|\\b\\w+Exception\\b|`");

    private ProblemContract() {
    }

    /**
     * @param status the response's status
     * @param contentType its Content-Type header, or null
     * @param header the response's headers by name
     * @param body its body as text
     */
    public static List<String> violations(int status, String contentType, Function<String, String> header, String body) {
        List<String> wrong = new ArrayList<>();
        if (status < 400) {
            wrong.add("status " + status + " is not an error");
            return wrong;
        }
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            wrong.add("Content-Type is " + contentType + ", not application/problem+json");
            return wrong;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (Exception e) {
            wrong.add("the body is not JSON: " + body);
            return wrong;
        }
        if (!problem.path("type").asText("").matches(Pattern.quote(TYPE_BASE) + "[a-z]+(?:-[a-z]+)*")) {
            wrong.add("type " + problem.path("type") + " is not " + TYPE_BASE + "<slug>");
        }
        if (problem.path("title").asText("").isBlank()) {
            wrong.add("no title");
        }
        if (problem.path("status").asInt(-1) != status) {
            wrong.add("status field " + problem.path("status") + " differs from the status " + status);
        }
        String detail = problem.path("detail").asText("");
        if (detail.isBlank()) {
            wrong.add("no detail");
        }
        if (!problem.path("instance").isTextual() || !problem.path("instance").asText().startsWith("/")) {
            wrong.add("instance " + problem.path("instance") + " is not the request path");
        }
        if (JAVA.matcher(detail).find()) {
            wrong.add("the detail names Java classes or tokens: " + detail);
        }
        if (status == 400 || status == 422) {
            JsonNode errors = problem.path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                wrong.add("a " + status + " without errors [{field, message}]");
            }
            for (JsonNode error : errors) {
                if (error.path("field").asText("").isBlank() || error.path("message").asText("").isBlank()) {
                    wrong.add("an error without field or message: " + error);
                }
                if (JAVA.matcher(error.path("message").asText("")).find()) {
                    wrong.add("an error message names Java classes or tokens: " + error);
                }
            }
        }
        if (status == 401 && (header.apply("WWW-Authenticate") == null || !header.apply("WWW-Authenticate").startsWith("Bearer"))) {
            wrong.add("a 401 without WWW-Authenticate: Bearer");
        }
        if (status == 429 && (header.apply("Retry-After") == null || !header.apply("Retry-After").matches("[1-9][0-9]*"))) {
            wrong.add("a 429 without Retry-After in whole seconds");
        }
        return wrong;
    }

    /** The {@code errors[].field} values of a problem body (empty when it has none or is not JSON). */
    public static List<String> fields(String body) {
        List<String> fields = new ArrayList<>();
        try {
            JSON.readTree(body).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        } catch (Exception e) {
            // not a problem body: no fields
        }
        return fields;
    }

    /** The detail and every error message of a problem body, joined, for checks on wording. */
    public static String text(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            StringBuilder sb = new StringBuilder(problem.path("detail").asText());
            problem.path("errors").forEach(e -> sb.append(" | ").append(e.path("field").asText()).append(' ')
                    .append(e.path("message").asText()));
            return sb.toString();
        } catch (Exception e) {
            return body;
        }
    }
}
