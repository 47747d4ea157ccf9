package dev.viva.grader.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A labeled set: answers to bank questions with a human's score (deploy/contracts: {@code {name, scale:
 * {min, max}, items: [{questionId, rubricVersion?, text, score, label?, note?}]}}), in YAML or JSON.
 *
 * <p>Optional: {@code levels}, the quality labels from best to worst, whose mean grades must keep that
 * order; {@code gaming}, the labels of answers that try to game the grader and must earn at most 10 %
 * of the scale. An item labeled {@code injection} must be flagged as an injection; no other item may be.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LabeledSet(String name, Scale scale, List<String> levels, List<String> gaming, List<Item> items) {

    public static final String INJECTION = "injection";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scale(double min, double max) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String questionId, Integer rubricVersion, String text, double score, String label, String note) {
    }

    public LabeledSet {
        levels = levels == null ? List.of() : levels;
        gaming = gaming == null ? List.of() : gaming;
        items = items == null ? List.of() : items;
        scale = scale == null ? new Scale(0, 100) : scale;
    }

    public static LabeledSet read(Path file) throws IOException {
        boolean json = file.toString().endsWith(".json");
        ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        LabeledSet set = mapper.readValue(file.toFile(), LabeledSet.class);
        if (set.items().isEmpty()) {
            throw new IOException(file + " has no items");
        }
        return set;
    }

    /** A human score mapped onto 0-100. */
    public double normalised(double score) {
        double span = scale.max() - scale.min();
        return span <= 0 ? score : 100 * (score - scale.min()) / span;
    }
}
