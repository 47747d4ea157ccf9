package dev.viva.session.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.session.domain.Answer;
import dev.viva.session.domain.AnswerStatus;
import dev.viva.session.event.AnswerGraded;
import dev.viva.session.event.InvalidEventException;
import dev.viva.session.repository.AnswerRepository;
import dev.viva.session.repository.ProcessedEventRepository;
import dev.viva.session.repository.SessionRepository;

/**
 * Applies AnswerGraded events, idempotently: an event id seen before, or an evaluation already applied,
 * changes nothing. An evaluation of a superseded answer is stored on it but never counts in the report.
 */
@ApplicationScoped
public class GradingService {

    private static final Logger LOG = Logger.getLogger(GradingService.class);

    private final ProcessedEventRepository processed;
    private final AnswerRepository answers;
    private final SessionRepository sessions;
    private final ObjectMapper mapper;
    private final Event<GradingProgress> progressEvents;

    public GradingService(ProcessedEventRepository processed, AnswerRepository answers, SessionRepository sessions,
            ObjectMapper mapper, Event<GradingProgress> progressEvents) {
        this.processed = processed;
        this.answers = answers;
        this.sessions = sessions;
        this.mapper = mapper;
        this.progressEvents = progressEvents;
    }

    /** @return true when the event changed the answer */
    @Transactional
    public boolean apply(AnswerGraded event) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!processed.markProcessed(event.eventId(), now)) {
            LOG.debugf("AnswerGraded %s already processed", event.eventId());
            return false;
        }
        Answer answer = answers.lock(event.answerId())
                .orElseThrow(() -> new InvalidEventException("unknown answerId " + event.answerId()));
        if (!answer.sessionId.equals(event.sessionId()) || !answer.team.equals(event.team())
                || !answer.questionId.equals(event.questionId())) {
            throw new InvalidEventException("answer " + event.answerId() + " belongs to another session, team or question");
        }
        if (event.evaluationId().equals(answer.evaluationId)) {
            LOG.debugf("Evaluation %s already applied to answer %s", event.evaluationId(), answer.id);
            return false;
        }
        if (answer.gradedAt != null && event.gradedAt().isBefore(answer.gradedAt)) {
            LOG.infof("Evaluation %s of answer %s is older than the applied one; kept out", event.evaluationId(), answer.id);
            return false;
        }
        answer.status = event.graded() ? AnswerStatus.GRADED : AnswerStatus.FAILED;
        answer.score = event.graded() ? event.score() : null;
        answer.evaluationId = event.evaluationId();
        answer.evaluation = json(event);
        answer.gradedAt = event.gradedAt();
        answer.updatedAt = now;
        LOG.infof("Answer %s of session %s %s%s", answer.id, answer.sessionId, answer.status,
                answer.current ? "" : " (superseded: not counted)");
        if (answer.current) {
            answers.flush();
            sessions.findByIdOptional(answer.sessionId).ifPresent(s -> SessionService.fire(progressEvents, SessionService.progress(
                    event.graded() ? "answer-graded" : "answer-failed", s, answers.currentAnswers(s.id), answer)));
        }
        return true;
    }

    private String json(AnswerGraded event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
