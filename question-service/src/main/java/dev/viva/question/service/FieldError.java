package dev.viva.question.service;

/** One thing wrong with the input: the field's path (for example {@code keyPoints[2].weight}) and why. */
public record FieldError(String field, String message) {
}
