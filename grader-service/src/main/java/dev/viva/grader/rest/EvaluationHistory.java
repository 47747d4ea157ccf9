package dev.viva.grader.rest;

import java.util.List;
import java.util.UUID;

/** The current evaluation of an answer and every evaluation it has had, newest first. */
public record EvaluationHistory(UUID answerId, EvaluationView latest, List<EvaluationView> history) {
}
