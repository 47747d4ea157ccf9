package dev.viva.session.service;

import java.util.UUID;

import dev.viva.session.domain.AnswerStatus;

/** 202 body: the answer is stored and queued for grading. */
public record AnswerAccepted(UUID answerId, UUID sessionId, String questionId, AnswerStatus status) {
}
