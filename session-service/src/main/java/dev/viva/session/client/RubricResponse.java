package dev.viva.session.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The parts of a rubric version (deploy/contracts/rubric.v1.schema.json) a revealed report shows. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RubricResponse(String questionId, Integer version, String referenceAnswer, List<KeyPoint> keyPoints,
        List<String> followUps) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KeyPoint(String id, String text, Boolean required) {
    }
}
