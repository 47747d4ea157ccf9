package dev.viva.grader.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.viva.grader.domain.Rubric;

/** Rubrics built from bank YAML files (question-service's format), as question-service would serve them. */
public final class Bank {

    public static final Path BANK = Path.of("../question-service/src/main/resources/bank");
    public static final Path FIXTURE = Path.of("src/test/resources/fixture-bank");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Map<String, Object>> rubrics;

    private Bank() {
    }

    /** Question id to rubric JSON object (version 1 as loaded; callers set the version asked for). */
    @SuppressWarnings("unchecked")
    public static synchronized Map<String, Map<String, Object>> rubrics() {
        if (rubrics != null) {
            return rubrics;
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        List<Object> defaultCriteria = List.of();
        Path criteria = BANK.resolve("criteria.yaml");
        try {
            if (Files.exists(criteria)) {
                defaultCriteria = (List<Object>) YAML.readValue(criteria.toFile(), Map.class).get("criteria");
            }
            for (Path dir : List.of(FIXTURE, BANK)) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                List<Path> files;
                try (Stream<Path> s = Files.list(dir)) {
                    files = s.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("criteria.yaml")).sorted().toList();
                }
                for (Path file : files) {
                    Map<String, Object> doc = YAML.readValue(file.toFile(), Map.class);
                    List<Map<String, Object>> questions = (List<Map<String, Object>>) doc.getOrDefault("questions", List.of());
                    for (Map<String, Object> q : questions) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("questionId", q.get("id"));
                        r.put("version", 1);
                        r.put("prompt", q.get("prompt"));
                        r.put("category", doc.get("category"));
                        r.put("difficulty", q.get("difficulty"));
                        r.put("referenceAnswer", q.get("referenceAnswer"));
                        r.put("keyPoints", q.get("keyPoints"));
                        r.put("criteria", q.getOrDefault("criteria", defaultCriteria));
                        r.put("redFlags", q.getOrDefault("redFlags", List.of()));
                        r.put("followUps", q.getOrDefault("followUps", List.of()));
                        r.put("createdAt", "2026-01-01T00:00:00Z");
                        out.putIfAbsent((String) q.get("id"), r);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rubrics = out;
        return out;
    }

    public static Rubric rubric(String questionId) {
        Map<String, Object> json = rubrics().get(questionId);
        if (json == null) {
            throw new IllegalArgumentException("No question " + questionId + " in the bank");
        }
        return JSON.convertValue(json, Rubric.class);
    }

    public static List<String> ids() {
        return new ArrayList<>(rubrics().keySet());
    }
}
