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
    private static final List<String> REQUIRED_V2 = List.of("gradeSource", "revision", "followUps");

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
        if (version == null || !version.isInt() || !AnswerGraded.SUPPORTED_VERSIONS.contains(version.intValue())) {
            throw new InvalidEventException("unsupported schemaVersion " + version);
        }
        List<String> missing = new ArrayList<>();
        List<String> required = new ArrayList<>(REQUIRED);
        if (version.intValue() >= 2) {
            required.addAll(REQUIRED_V2);
        }
        for (String field : required) {
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
        if (event.schemaVersion() >= 2) {
            if (!AnswerGraded.SOURCE_MACHINE.equals(event.gradeSource()) && !event.fromReview()) {
                throw new InvalidEventException("unknown gradeSource " + event.gradeSource());
            }
            if (event.revision() < 1) {
                throw new InvalidEventException("revision must be 1 or more");
            }
            if (event.fromReview() != (event.review() != null)) {
                throw new InvalidEventException("review must be set exactly when gradeSource is review");
            }
            if (event.fromReview() && (!event.graded() || event.review().reviewer() == null || event.review().reviewedAt() == null)) {
                throw new InvalidEventException("a review must be GRADED and say who reviewed it and when");
            }
        }
        return event;
    }
}
