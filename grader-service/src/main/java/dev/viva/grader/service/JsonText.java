package dev.viva.grader.service;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the JSON columns this service wrote itself (evaluations and reviews). */
public final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonText() {
    }

    /** The stored JSON object as {@code type}; null when nothing is stored. */
    public static <T> T value(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable as " + type.getSimpleName(), e);
        }
    }

    public static <T> List<T> list(String json, Class<T[]> type) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.of(MAPPER.readValue(json, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable as " + type.getSimpleName(), e);
        }
    }
}
