package dev.viva.session.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Answer of POST /api/questions/draw (deploy/contracts/draw.v1.schema.json). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DrawResponse(Long seed, List<DrawnQuestion> questions) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DrawnQuestion(String id, String prompt, String category, String difficulty, List<String> tags,
            Integer rubricVersion) {
    }
}
