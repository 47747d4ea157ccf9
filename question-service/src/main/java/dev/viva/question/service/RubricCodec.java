package dev.viva.question.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.viva.question.domain.Rubric;

/** Turns a rubric into the canonical JSON that is stored and hashed, and back. */
@ApplicationScoped
public class RubricCodec {

    // Sorted properties: the hash must not depend on field declaration order.
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    public String toJson(Rubric rubric) {
        try {
            return mapper.writeValueAsString(rubric);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A rubric could not be written as JSON", e);
        }
    }

    public Rubric fromJson(String json) {
        try {
            return mapper.readValue(json, Rubric.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored rubric could not be read", e);
        }
    }

    public String hash(Rubric rubric) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toJson(rubric).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
