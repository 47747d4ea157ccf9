package dev.viva.grader.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.viva.grader.domain.Rubric;

/**
 * Rubrics read straight from question-service's bank folder (YAML, one file per category, shared
 * criteria in criteria.yaml), as question-service serves them as version 1. Lets the calibration
 * harness run offline, without the services.
 */
public final class BankRubrics {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private BankRubrics() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Rubric> read(Path... dirs) throws IOException {
        Map<String, Rubric> out = new LinkedHashMap<>();
        List<Object> defaultCriteria = List.of();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Path criteria = dir.resolve("criteria.yaml");
            if (Files.exists(criteria)) {
                defaultCriteria = (List<Object>) YAML.readValue(criteria.toFile(), Map.class).get("criteria");
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("criteria.yaml")).sorted().toList();
            }
            for (Path file : files) {
                Map<String, Object> doc = YAML.readValue(file.toFile(), Map.class);
                for (Map<String, Object> q : (List<Map<String, Object>>) doc.getOrDefault("questions", List.of())) {
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
                    out.putIfAbsent((String) q.get("id"), JSON.convertValue(r, Rubric.class));
                }
            }
        }
        return out;
    }
}
