package dev.viva.grader.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** An evaluation as interviewers and admins see it, with its audit data. */
public record EvaluationView(
        UUID id,
        UUID answerId,
        UUID sessionId,
        String questionId,
        int rubricVersion,
        String status,
        Integer score,
        String grader,
        String model,
        String promptVersion,
        JsonNode sampling,
        String reasoning,
        JsonNode keyPoints,
        JsonNode criteria,
        JsonNode redFlags,
        boolean injectionSuspected,
        String injectionEvidence,
        List<String> strengths,
        List<String> improvements,
        String failureReason,
        String rawReply,
        int promptTokens,
        int completionTokens,
        int totalTokens,
        BigDecimal costUsd,
        long latencyMs,
        int attempts,
        /** the grader's certainty in its verdicts, 0 to 1; with several samples, how far they agreed; null when unknown */
        Double confidence,
        /** how far the samples agreed when the LLM graded the answer several times (viva.grader.samples); null when graded once */
        JsonNode samples,
        /** a second grader's grading beside this one (viva.grader.second-opinion): its score and key point verdicts; null when none ran */
        JsonNode secondOpinion,
        OffsetDateTime createdAt,
        UUID regradeOf,
        UUID supersededBy,
        /** the answer's grade revision this evaluation was published with */
        Integer revision) {
}
