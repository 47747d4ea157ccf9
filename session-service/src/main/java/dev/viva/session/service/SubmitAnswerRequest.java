package dev.viva.session.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /api/sessions/{id}/answers. The text is limited to {@value #MAX_TEXT} characters. */
public record SubmitAnswerRequest(
        @NotBlank @Size(max = 200) String questionId,
        @NotBlank @Size(max = SubmitAnswerRequest.MAX_TEXT, message = "must be at most 20000 characters") String text) {

    public static final int MAX_TEXT = 20_000;
}
