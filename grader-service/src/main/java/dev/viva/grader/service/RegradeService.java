package dev.viva.grader.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.jboss.logging.Logger;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.repository.AnswerRepository;
import dev.viva.grader.repository.EvaluationRepository;
import dev.viva.grader.rest.RegradeAccepted;

/**
 * Re-grades stored answers in the background. The new evaluation links to the one it replaces
 * (regrade_of) and the old one to its successor (superseded_by); both stay.
 */
@ApplicationScoped
public class RegradeService {

    private static final Logger LOG = Logger.getLogger(RegradeService.class);

    private final AnswerRepository answers;
    private final EvaluationRepository evaluations;
    private final GradingService grading;
    private final ExecutorService executor;

    public RegradeService(AnswerRepository answers, EvaluationRepository evaluations, GradingService grading,
            GraderConfig config) {
        this.answers = answers;
        this.evaluations = evaluations;
        this.grading = grading;
        this.executor = Executors.newFixedThreadPool(Math.max(1, Math.min(8, config.maxInFlight())),
                Thread.ofPlatform().name("regrade-", 0).daemon(true).factory());
    }

    @Transactional
    public RegradeAccepted regrade(String team, String questionId, List<UUID> answerIds) {
        List<Answer> selected = questionId != null ? answers.byQuestion(team, questionId) : answers.byIds(team, answerIds);
        if (selected.isEmpty()) {
            throw new NotFoundException(questionId != null
                    ? "No answers to question " + questionId + " in your team"
                    : "None of the answer ids belongs to an answer of your team");
        }
        List<UUID> ids = selected.stream().map(a -> a.answerId).toList();
        for (UUID id : ids) {
            executor.submit(() -> regradeOne(id));
        }
        return new RegradeAccepted(ids.size(), ids);
    }

    void regradeOne(UUID answerId) {
        try {
            Answer answer = QuarkusTx.call(() -> answers.find(answerId));
            Optional<Evaluation> current = QuarkusTx.call(() -> evaluations.current(answerId));
            grading.gradeAndStore(answer, current.map(e -> e.id).orElse(null));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Re-grading answer %s failed", answerId);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
