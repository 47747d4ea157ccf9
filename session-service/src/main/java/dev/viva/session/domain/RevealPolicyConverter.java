package dev.viva.session.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a reveal policy by its wire name ({@code practice}, {@code assessment}). */
@Converter
public class RevealPolicyConverter implements AttributeConverter<RevealPolicy, String> {

    @Override
    public String convertToDatabaseColumn(RevealPolicy policy) {
        return policy == null ? null : policy.wire();
    }

    @Override
    public RevealPolicy convertToEntityAttribute(String value) {
        return value == null ? null : RevealPolicy.fromWire(value);
    }
}
