package dev.viva.grader.event;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads an answers.submitted value strictly; anything off-contract is a poison record. */
@ApplicationScoped
public class AnswerSubmittedParser {

    private static final Pattern QUESTION_ID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final int MAX_ANSWER = 20_000;

    private final ObjectMapper mapper;

    public AnswerSubmittedParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public AnswerSubmitted parse(String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException("empty record value");
        }
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PoisonRecordException("value is not a JSON object");
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.isInt()) {
            throw new PoisonRecordException("missing field schemaVersion");
        }
        if (version.intValue() != AnswerSubmitted.SCHEMA_VERSION) {
            throw new PoisonRecordException("unknown schemaVersion " + version.intValue());
        }
        String answerText = text(root, "answerText");
        if (answerText.length() > MAX_ANSWER) {
            throw new PoisonRecordException("invalid field answerText: longer than " + MAX_ANSWER + " characters");
        }
        String questionId = text(root, "questionId");
        if (!QUESTION_ID.matcher(questionId).matches()) {
            throw new PoisonRecordException("invalid field questionId: " + questionId);
        }
        JsonNode rubricVersion = root.get("rubricVersion");
        if (rubricVersion == null || rubricVersion.isNull()) {
            throw new PoisonRecordException("missing field rubricVersion");
        }
        if (!rubricVersion.isInt() || rubricVersion.intValue() < 1) {
            throw new PoisonRecordException("invalid field rubricVersion: must be an integer >= 1");
        }
        JsonNode prompt = root.get("prompt");
        if (prompt == null || !prompt.isTextual()) {
            throw new PoisonRecordException("missing field prompt");
        }
        return new AnswerSubmitted(
                version.intValue(),
                uuid(root, "eventId"),
                uuid(root, "answerId"),
                uuid(root, "sessionId"),
                text(root, "team"),
                text(root, "candidate"),
                questionId,
                rubricVersion.intValue(),
                prompt.textValue(),
                answerText,
                time(root, "submittedAt"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new PoisonRecordException("missing field " + field);
        }
        if (!node.isTextual() || node.textValue().isEmpty()) {
            throw new PoisonRecordException("invalid field " + field + ": must be a non-empty string");
        }
        return node.textValue();
    }

    private static UUID uuid(JsonNode root, String field) {
        String text = text(root, field);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException("invalid field " + field + ": not a UUID");
        }
    }

    private static OffsetDateTime time(JsonNode root, String field) {
        String text = text(root, field);
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new PoisonRecordException("invalid field " + field + ": not an RFC 3339 date-time");
        }
    }
}
