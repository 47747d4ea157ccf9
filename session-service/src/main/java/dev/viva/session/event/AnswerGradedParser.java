package dev.viva.session.event;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads an AnswerGraded record strictly: anything the contract does not allow is rejected with a reason. */
@ApplicationScoped
public class AnswerGradedParser {

    private static final List<String> REQUIRED = List.of("schemaVersion", "eventId", "evaluationId", "answerId",
            "sessionId", "team", "questionId", "rubricVersion", "status", "grader", "model", "criteria", "keyPoints",
            "redFlags", "injectionSuspected", "strengths", "improvements", "gradedAt");

    private final ObjectMapper mapper;

    public AnswerGradedParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public AnswerGraded parse(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidEventException("empty record");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("malformed JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isInt() || version.intValue() != AnswerGraded.SCHEMA_VERSION) {
            throw new InvalidEventException("unsupported schemaVersion " + version);
        }
        List<String> missing = new ArrayList<>();
        for (String field : REQUIRED) {
            if (!tree.hasNonNull(field)) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidEventException("missing fields " + missing);
        }
        AnswerGraded event;
        try {
            event = mapper.treeToValue(tree, AnswerGraded.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("invalid field: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!event.graded() && !"FAILED".equals(event.status())) {
            throw new InvalidEventException("unknown status " + event.status());
        }
        if (event.graded() && (event.score() == null || event.score() < 0 || event.score() > 100)) {
            throw new InvalidEventException("GRADED without a score in 0..100");
        }
        return event;
    }
}
