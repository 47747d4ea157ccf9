package dev.viva.grader.rest;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.service.EvaluationQueryService;

/** Turns evaluations and usage into the API's views. */
@ApplicationScoped
public class EvaluationViews {

    private final ObjectMapper mapper;

    public EvaluationViews(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The answer's evaluations, its reviews and its grade of record: the latest review, else the current evaluation. */
    public Optional<EvaluationHistory> history(UUID answerId, EvaluationQueryService.AnswerGrades grades) {
        if (grades.evaluations().isEmpty()) {
            return Optional.empty();
        }
        List<EvaluationView> views = grades.evaluations().stream().map(this::view).toList();
        EvaluationView latest = views.stream().filter(v -> v.supersededBy() == null).findFirst().orElse(views.get(0));
        List<ReviewView> reviewed = grades.reviews().stream().map(ReviewView::of).toList();
        GradeOfRecord record = reviewed.isEmpty()
                ? new GradeOfRecord("machine", latest.id(), null, latest.status(), latest.score(), latest.revision(), null,
                        latest.createdAt())
                : reviewed.get(0).gradeOfRecord();
        return Optional.of(new EvaluationHistory(answerId, latest, views, record, reviewed));
    }

    public UsageView usage(EvaluationQueryService.TeamUsage usage) {
        var u = usage.totals();
        return new UsageView(usage.team(), u.evaluations(), u.graded(), u.failed(), u.promptTokens(), u.completionTokens(),
                u.totalTokens(), u.costUsd(), usage.byModel());
    }

    EvaluationView view(Evaluation e) {
        return new EvaluationView(e.id, e.answerId, e.sessionId, e.questionId, e.rubricVersion, e.status.name(), e.score,
                e.grader, e.model, e.promptVersion, tree(e.sampling), e.reasoning, tree(e.keyPoints), tree(e.criteria),
                tree(e.redFlags), e.injectionSuspected, e.injectionEvidence, strings(e.strengths), strings(e.improvements),
                e.failureReason, e.rawReply, e.promptTokens, e.completionTokens, e.totalTokens, e.costUsd, e.latencyMs,
                e.attempts, e.confidence, tree(e.samples), tree(e.secondOpinion), e.createdAt, e.regradeOf, e.supersededBy, e.revision);
    }

    private List<String> strings(String json) {
        try {
            return json == null ? List.of() : List.of(mapper.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
