package dev.viva.grader.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.repository.EvaluationRepository;
import dev.viva.grader.repository.ReviewRepository;
import dev.viva.grader.rest.EvaluationHistory;
import dev.viva.grader.rest.EvaluationView;
import dev.viva.grader.rest.GradeOfRecord;
import dev.viva.grader.rest.ReviewView;
import dev.viva.grader.rest.UsageView;

@ApplicationScoped
@Transactional
public class EvaluationQueryService {

    private final EvaluationRepository evaluations;
    private final ObjectMapper mapper;
    private final EvaluationFactory factory;
    private final ReviewRepository reviews;

    public EvaluationQueryService(EvaluationRepository evaluations, ObjectMapper mapper, EvaluationFactory factory,
            ReviewRepository reviews) {
        this.evaluations = evaluations;
        this.reviews = reviews;
        this.mapper = mapper;
        this.factory = factory;
    }

    public Optional<EvaluationHistory> history(String team, UUID answerId) {
        List<Evaluation> all = evaluations.forAnswer(team, answerId);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        List<EvaluationView> views = all.stream().map(this::view).toList();
        EvaluationView latest = views.stream().filter(v -> v.supersededBy() == null).findFirst().orElse(views.get(0));
        List<ReviewView> reviewed = reviews.forAnswer(team, answerId).stream().map(ReviewView::of).toList();
        GradeOfRecord record = reviewed.isEmpty()
                ? new GradeOfRecord("machine", latest.id(), null, latest.status(), latest.score(), latest.revision(), null,
                        latest.createdAt())
                : reviewed.get(0).gradeOfRecord();
        return Optional.of(new EvaluationHistory(answerId, latest, views, record, reviewed));
    }

    public UsageView usage(String team) {
        var u = evaluations.usage(team);
        return new UsageView(team, u.evaluations(), u.graded(), u.failed(), u.promptTokens(), u.completionTokens(),
                u.totalTokens(), u.costUsd(), evaluations.usageByModel(team));
    }

    EvaluationView view(Evaluation e) {
        return new EvaluationView(e.id, e.answerId, e.sessionId, e.questionId, e.rubricVersion, e.status, e.score,
                e.grader, e.model, e.promptVersion, tree(e.sampling), e.reasoning, tree(e.keyPoints), tree(e.criteria),
                tree(e.redFlags), e.injectionSuspected, e.injectionEvidence, factory.read(e.strengths, String[].class),
                factory.read(e.improvements, String[].class), e.failureReason, e.rawReply, e.promptTokens,
                e.completionTokens, e.totalTokens, e.costUsd, e.latencyMs, e.attempts, e.createdAt, e.regradeOf,
                e.supersededBy, e.revision);
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
