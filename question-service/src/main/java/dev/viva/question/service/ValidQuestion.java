package dev.viva.question.service;

import java.util.List;

import dev.viva.question.domain.Rubric;

/** A question that passed every rule, with its default criteria filled in and its text trimmed. */
public record ValidQuestion(String id, String category, List<String> tags, Rubric rubric) {
}
