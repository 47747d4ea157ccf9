package dev.viva.grader.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.domain.EvaluationStatus;
import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.ScoredEvaluation;
import dev.viva.grader.event.AnswerGraded;

/** Builds the stored evaluation and its AnswerGraded event from a grader's attempt. */
@ApplicationScoped
public class EvaluationFactory {

    /** A new evaluation and the event that announces it, built together from the same values. */
    public record Built(Evaluation evaluation, AnswerGraded event) {
    }

    private final ObjectMapper mapper;
    private final GraderConfig config;

    public EvaluationFactory(ObjectMapper mapper, GraderConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    public Built build(Answer answer, Rubric rubric, GradeAttempt attempt, String sanitizedAnswer) {
        Evaluation e = new Evaluation();
        e.id = UUID.randomUUID();
        e.answerId = answer.answerId;
        e.sessionId = answer.sessionId;
        e.team = answer.team;
        e.questionId = answer.questionId;
        e.rubricVersion = answer.rubricVersion;
        e.grader = attempt.kind().wire();
        e.model = attempt.model();
        e.promptVersion = attempt.promptVersion();
        e.sampling = json(attempt.sampling());
        e.rawReply = attempt.rawReply();
        e.promptTokens = (int) attempt.promptTokens();
        e.completionTokens = (int) attempt.completionTokens();
        e.totalTokens = (int) attempt.totalTokens();
        e.costUsd = cost(attempt.model(), attempt.promptTokens(), attempt.completionTokens());
        e.latencyMs = attempt.latencyMs();
        e.attempts = attempt.attempts();
        e.confidence = attempt.confidence();
        e.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (attempt.succeeded() && rubric != null) {
            ScoredEvaluation scored = ScoreCalculator.score(rubric, attempt.verdicts(), sanitizedAnswer);
            e.status = EvaluationStatus.GRADED;
            e.score = scored.score();
            e.reasoning = attempt.verdicts().reasoning();
            e.keyPoints = json(scored.keyPoints());
            e.criteria = json(scored.criteria());
            e.redFlags = json(scored.redFlags());
            e.injectionSuspected = scored.injectionSuspected();
            e.injectionEvidence = scored.injectionSuspected() ? scored.injectionEvidence() : null;
            e.strengths = json(attempt.verdicts().strengths());
            e.improvements = json(attempt.verdicts().improvements());
            return new Built(e, event(e, rubric, scored.criteria(), scored.keyPoints(), scored.redFlags(),
                    attempt.verdicts().strengths(), attempt.verdicts().improvements()));
        } else {
            e.status = EvaluationStatus.FAILED;
            e.failureReason = attempt.failureReason();
            e.keyPoints = "[]";
            e.criteria = "[]";
            e.redFlags = "[]";
            e.strengths = "[]";
            e.improvements = "[]";
            return new Built(e, event(e, rubric, List.of(), List.of(), List.of(), List.of(), List.of()));
        }
    }

    BigDecimal cost(String model, long promptTokens, long completionTokens) {
        GraderConfig.Price price = config.llm().prices().get(model);
        if (price == null) {
            return BigDecimal.ZERO;
        }
        double usd = promptTokens * price.inputPerMillion() / 1_000_000d + completionTokens * price.outputPerMillion() / 1_000_000d;
        return BigDecimal.valueOf(usd).setScale(8, RoundingMode.HALF_UP);
    }

    /** The event of an evaluation read back from the database (its verdicts as stored JSON). */
    public AnswerGraded event(Evaluation e, Rubric rubric) {
        return event(e, rubric, read(e.criteria, ScoredEvaluation.CriterionResult[].class),
                read(e.keyPoints, ScoredEvaluation.KeyPointResult[].class), read(e.redFlags, ScoredEvaluation.RedFlagHit[].class),
                read(e.strengths, String[].class), read(e.improvements, String[].class));
    }

    private static AnswerGraded event(Evaluation e, Rubric rubric, List<ScoredEvaluation.CriterionResult> criteria,
            List<ScoredEvaluation.KeyPointResult> keyPoints, List<ScoredEvaluation.RedFlagHit> redFlags,
            List<String> strengths, List<String> improvements) {
        return new AnswerGraded(AnswerGraded.SCHEMA_VERSION, UUID.randomUUID(), e.id, e.answerId, e.sessionId, e.team,
                e.questionId, e.rubricVersion, e.status.name(), e.score, e.grader, e.model,
                criteria.stream().map(c -> new AnswerGraded.Criterion(c.id(), c.name(), c.level(), c.maxLevel())).toList(),
                keyPoints.stream().map(k -> new AnswerGraded.KeyPoint(k.id(), k.text(), k.required(), k.status().name())).toList(),
                redFlags.stream().map(ScoredEvaluation.RedFlagHit::text).toList(), e.injectionSuspected,
                strengths == null ? List.of() : strengths, improvements == null ? List.of() : improvements,
                rubric == null ? null : rubric.referenceAnswer(), e.failureReason, e.createdAt,
                AnswerGraded.SOURCE_MACHINE, null, e.revision == null ? 1 : e.revision, e.confidence,
                rubric == null || rubric.followUps() == null ? List.of() : rubric.followUps());
    }

    public String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public <T> List<T> read(String json, Class<T[]> type) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.of(mapper.readValue(json, type));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
