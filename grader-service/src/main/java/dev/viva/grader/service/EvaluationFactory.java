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
import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.ScoredEvaluation;
import dev.viva.grader.event.AnswerGraded;

/** Builds the stored evaluation and its AnswerGraded event from a grader's attempt. */
@ApplicationScoped
public class EvaluationFactory {

    public static final String STATUS_GRADED = "GRADED";
    public static final String STATUS_FAILED = "FAILED";

    private final ObjectMapper mapper;
    private final GraderConfig config;

    public EvaluationFactory(ObjectMapper mapper, GraderConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    public Evaluation build(Answer answer, Rubric rubric, GradeAttempt attempt, String sanitizedAnswer) {
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
            e.status = STATUS_GRADED;
            e.score = scored.score();
            e.reasoning = attempt.verdicts().reasoning();
            e.keyPoints = json(scored.keyPoints());
            e.criteria = json(scored.criteria());
            e.redFlags = json(scored.redFlags());
            e.injectionSuspected = scored.injectionSuspected();
            e.injectionEvidence = scored.injectionSuspected() ? scored.injectionEvidence() : null;
            e.strengths = json(attempt.verdicts().strengths());
            e.improvements = json(attempt.verdicts().improvements());
        } else {
            e.status = STATUS_FAILED;
            e.failureReason = attempt.failureReason();
            e.keyPoints = "[]";
            e.criteria = "[]";
            e.redFlags = "[]";
            e.strengths = "[]";
            e.improvements = "[]";
        }
        return e;
    }

    BigDecimal cost(String model, long promptTokens, long completionTokens) {
        GraderConfig.Price price = config.llm().prices().get(model);
        if (price == null) {
            return BigDecimal.ZERO;
        }
        double usd = promptTokens * price.inputPerMillion() / 1_000_000d + completionTokens * price.outputPerMillion() / 1_000_000d;
        return BigDecimal.valueOf(usd).setScale(8, RoundingMode.HALF_UP);
    }

    public AnswerGraded event(Evaluation e, Rubric rubric) {
        List<AnswerGraded.Criterion> criteria = read(e.criteria, ScoredEvaluation.CriterionResult[].class).stream()
                .map(c -> new AnswerGraded.Criterion(c.id(), c.name(), c.level(), c.maxLevel())).toList();
        List<AnswerGraded.KeyPoint> keyPoints = read(e.keyPoints, ScoredEvaluation.KeyPointResult[].class).stream()
                .map(k -> new AnswerGraded.KeyPoint(k.id(), k.text(), k.required(), k.status().name())).toList();
        List<String> redFlags = read(e.redFlags, ScoredEvaluation.RedFlagHit[].class).stream()
                .map(ScoredEvaluation.RedFlagHit::text).toList();
        return new AnswerGraded(AnswerGraded.SCHEMA_VERSION, UUID.randomUUID(), e.id, e.answerId, e.sessionId, e.team,
                e.questionId, e.rubricVersion, e.status, e.score, e.grader, e.model, criteria, keyPoints, redFlags,
                e.injectionSuspected, read(e.strengths, String[].class), read(e.improvements, String[].class),
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
