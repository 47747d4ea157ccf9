package dev.viva.grader.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.RegradesRequested;
import dev.viva.grader.repository.AnswerRepository;

/**
 * Asks for regrades of stored answers. Each becomes a durable request that {@link RegradeWorker} grades
 * under the answer's lease; the new evaluation links to the one it replaces (regrade_of) and the old one
 * to its successor (superseded_by); both stay.
 */
@ApplicationScoped
public class RegradeService {

    private final AnswerRepository answers;
    private final EvaluationStore store;
    private final Event<RegradesRequested> requested;

    public RegradeService(AnswerRepository answers, EvaluationStore store, Event<RegradesRequested> requested) {
        this.answers = answers;
        this.store = store;
        this.requested = requested;
    }

    /** @return the answers that will be re-graded (an answer with a regrade pending already is not asked twice) */
    @Transactional
    public List<UUID> regrade(String team, String questionId, List<UUID> answerIds) {
        List<Answer> selected = questionId != null ? answers.byQuestion(team, questionId) : answers.byIds(team, answerIds);
        if (selected.isEmpty()) {
            throw new NotFoundException(questionId != null
                    ? "No answers to question " + questionId + " in your team"
                    : "None of the answer ids belongs to an answer of your team");
        }
        requested.fire(new RegradesRequested(store.requestRegrades(selected)));
        return selected.stream().map(a -> a.answerId).toList();
    }
}
