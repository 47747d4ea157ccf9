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
import io.opentelemetry.instrumentation.annotations.WithSpan;

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
    @WithSpan("apply grade")
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
        String keptOut = keptOut(answer, event);
        if (keptOut != null) {
            LOG.infof("Grade %s of answer %s kept out: %s", event.eventId(), answer.id, keptOut);
            return false;
        }
        answer.status = event.graded() ? AnswerStatus.GRADED : AnswerStatus.FAILED;
        answer.score = event.graded() ? event.score() : null;
        answer.evaluationId = event.evaluationId();
        answer.evaluation = json(event);
        answer.gradedAt = event.gradedAt();
        answer.gradeSource = event.fromReview() ? AnswerGraded.SOURCE_REVIEW : AnswerGraded.SOURCE_MACHINE;
        answer.gradeRevision = event.revision();
        answer.reviewedBy = event.fromReview() ? event.review().reviewer() : null;
        answer.reviewedAt = event.fromReview() ? event.review().reviewedAt() : null;
        answer.updatedAt = now;
        LOG.infof("Answer %s of session %s %s%s", answer.id, answer.sessionId, answer.status,
                answer.current ? "" : " (superseded: not counted)");
        if (answer.current) {
            answers.flush();
            sessions.findByIdOptional(answer.sessionId).ifPresent(s -> SessionService.fire(progressEvents, SessionService.progress(
                    event.fromReview() ? "answer-reviewed" : event.graded() ? "answer-graded" : "answer-failed", s,
                    answers.currentAnswers(s.id), answer)));
        }
        return true;
    }

    /**
     * Why the event must not replace the answer's grade, or null when it may: a machine grade never replaces
     * an interviewer's review; with revisions (version 2) a grade replaces only a lower revision; a version 1
     * event replaces only an older grade of another evaluation.
     */
    static String keptOut(Answer answer, AnswerGraded event) {
        if (!event.fromReview() && answer.reviewed()) {
            return "a machine grade does not replace the review by " + answer.reviewedBy;
        }
        if (event.revision() != null && answer.gradeRevision != null) {
            return event.revision() > answer.gradeRevision ? null
                    : "revision " + event.revision() + " is not newer than the applied revision " + answer.gradeRevision;
        }
        if (event.revision() == null && event.evaluationId().equals(answer.evaluationId)) {
            return "evaluation " + event.evaluationId() + " already applied";
        }
        if (answer.gradedAt != null && event.gradedAt().isBefore(answer.gradedAt)) {
            return "older than the applied grade";
        }
        return null;
    }

    private String json(AnswerGraded event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
