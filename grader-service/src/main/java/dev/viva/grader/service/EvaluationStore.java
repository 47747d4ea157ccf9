package dev.viva.grader.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.domain.OutboxMessage;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.event.AnswerSubmitted;
import dev.viva.grader.repository.AnswerRepository;
import dev.viva.grader.repository.EvaluationRepository;
import dev.viva.grader.repository.OutboxRepository;

/** The grader's transactions: claiming an answer, and storing an evaluation with its outbox row. */
@ApplicationScoped
public class EvaluationStore {

    public static final String GRADED_TOPIC = "answers.graded";

    private final AnswerRepository answers;
    private final EvaluationRepository evaluations;
    private final OutboxRepository outbox;
    private final EvaluationFactory factory;

    public EvaluationStore(AnswerRepository answers, EvaluationRepository evaluations, OutboxRepository outbox,
            EvaluationFactory factory) {
        this.answers = answers;
        this.evaluations = evaluations;
        this.outbox = outbox;
        this.factory = factory;
    }

    @Transactional
    public boolean claim(AnswerSubmitted event, Duration lease) {
        return answers.claim(event, lease);
    }

    @Transactional
    public boolean evaluated(UUID answerId, int rubricVersion) {
        return answers.evaluated(answerId, rubricVersion);
    }

    @Transactional
    public int renew(java.util.Collection<UUID> answerIds, Duration lease) {
        return answers.renew(answerIds, lease);
    }

    @Transactional
    public Answer answer(UUID answerId) {
        return answers.find(answerId);
    }

    /** Stores a first evaluation (or a re-grade linked to the one it replaces) and its event, atomically. */
    @Transactional
    public Evaluation save(Evaluation evaluation, Rubric rubric, UUID replaces) {
        if (replaces != null) {
            Evaluation old = evaluations.find(replaces);
            evaluation.regradeOf = replaces;
            evaluations.persist(evaluation);
            evaluations.flush();
            old.supersededBy = evaluation.id;
        } else {
            evaluations.persist(evaluation);
        }
        evaluation.revision = answers.nextRevision(evaluation.answerId);
        OutboxMessage m = new OutboxMessage();
        m.id = UUID.randomUUID();
        m.evaluationId = evaluation.id;
        m.topic = GRADED_TOPIC;
        m.messageKey = evaluation.sessionId.toString();
        m.payload = factory.json(factory.event(evaluation, rubric));
        m.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        m.nextAttemptAt = m.createdAt;
        outbox.persist(m);
        answers.release(evaluation.answerId);
        return evaluation;
    }

    @Transactional
    public void release(UUID answerId) {
        answers.release(answerId);
    }
}
