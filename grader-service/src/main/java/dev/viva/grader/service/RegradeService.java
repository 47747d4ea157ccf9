package dev.viva.grader.service;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.viva.grader.config.RegradeConfig;
import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.RegradesRequested;
import dev.viva.grader.repository.AnswerRepository;
import dev.viva.grader.repository.EvaluationRepository;
import dev.viva.grader.repository.RegradeRequestRepository;

/**
 * Asks for regrades of stored answers, within the team's allowance. Each becomes a durable request that
 * {@link RegradeWorker} grades under the answer's lease; the new evaluation links to the one it replaces
 * (regrade_of) and the old one to its successor (superseded_by); both stay.
 */
@ApplicationScoped
public class RegradeService {

    private static final Logger LOG = Logger.getLogger(RegradeService.class);

    private final AnswerRepository answers;
    private final EvaluationStore store;
    private final Event<RegradesRequested> requested;
    private final RegradeConfig limits;
    private final RegradeRequestRepository regrades;
    private final EvaluationRepository evaluations;

    public RegradeService(AnswerRepository answers, EvaluationStore store, Event<RegradesRequested> requested,
            RegradeConfig limits, RegradeRequestRepository regrades, EvaluationRepository evaluations) {
        this.regrades = regrades;
        this.evaluations = evaluations;
        this.answers = answers;
        this.store = store;
        this.requested = requested;
        this.limits = limits;
    }

    /** What {@link #regrade} would re-grade and what it would cost; nothing is queued or counted. */
    @Transactional
    public RegradePlan preview(String team, String questionId, List<UUID> answerIds) {
        List<UUID> ids = select(team, questionId, answerIds).stream().map(a -> a.answerId).toList();
        EvaluationRepository.Cost cost = evaluations.currentCost(team, ids);
        int remaining = (int) Math.max(0, limits.maxAnswersPerWindow() - usedInWindow(team, Instant.now()).count());
        return new RegradePlan(ids.size(), ids, cost.totalTokens(), cost.costUsd().setScale(6, RoundingMode.HALF_UP),
                "the tokens and cost of each answer's current evaluation", remaining, (int) limits.window().toHours());
    }

    /**
     * Queues the answers for re-grading, within the team's allowance: a request that would take the team past
     * {@code viva.grader.regrade.max-answers-per-window} is refused with 429 and nothing is queued.
     *
     * @return the answers that will be re-graded (an answer with a regrade pending already is not asked twice)
     */
    @Transactional
    public List<UUID> regrade(String team, String requestedBy, String questionId, List<UUID> answerIds) {
        List<Answer> selected = select(team, questionId, answerIds);
        // one team's regrade requests are counted one at a time, so two cannot slip past the limit together
        regrades.lockTeam(team);
        Instant now = Instant.now();
        RegradeRequestRepository.Usage used = usedInWindow(team, now);
        if (used.count() + selected.size() > limits.maxAnswersPerWindow()) {
            Instant frees = used.oldest() == null ? now.plus(limits.window()) : used.oldest().plus(limits.window());
            throw ServiceException.limited("Your team re-graded " + used.count() + " answers in the last "
                    + limits.window().toHours() + " hours; " + selected.size() + " more would pass its limit of "
                    + limits.maxAnswersPerWindow(), Duration.between(now, frees).toSeconds() + 1);
        }
        requested.fire(new RegradesRequested(store.requestRegrades(selected)));
        LOG.infof("Team %s: %s queued %d answers for re-grading", team, requestedBy, selected.size());
        return selected.stream().map(a -> a.answerId).toList();
    }

    private List<Answer> select(String team, String questionId, List<UUID> answerIds) {
        List<Answer> selected = questionId != null ? answers.byQuestion(team, questionId) : answers.byIds(team, answerIds);
        if (selected.isEmpty()) {
            throw ServiceException.notFound(questionId != null
                    ? "No answers to question " + questionId + " in your team"
                    : "None of the answer ids belongs to an answer of your team");
        }
        if (selected.size() > limits.maxAnswersPerRequest()) {
            throw ServiceException.invalid("questionId", "has " + selected.size() + " answers; one regrade takes at most "
                    + limits.maxAnswersPerRequest() + ": list answerIds in several requests");
        }
        return selected;
    }

    /** The team's regrade requests (one row per answer, kept after it is done) within the window. */
    private RegradeRequestRepository.Usage usedInWindow(String team, Instant now) {
        return regrades.requestedSince(team, now.minus(limits.window()));
    }
}
