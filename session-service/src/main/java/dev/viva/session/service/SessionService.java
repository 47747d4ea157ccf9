package dev.viva.session.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.viva.session.client.DrawRequest;
import dev.viva.session.client.DrawResponse;
import dev.viva.session.client.QuestionDrawer;
import dev.viva.session.domain.Answer;
import dev.viva.session.domain.InterviewSession;
import dev.viva.session.domain.SessionQuestion;
import dev.viva.session.domain.SessionStatus;
import dev.viva.session.repository.AnswerRepository;
import dev.viva.session.repository.SessionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/** Starting, reading, listing, completing and expiring sessions. */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final SessionRepository sessions;
    private final AnswerRepository answers;
    private final QuestionDrawer drawer;
    private final Access access;
    private final TeamSettingsService teamSettings;
    private final jakarta.enterprise.event.Event<GradingProgress> progressEvents;
    private final Clock clock = Clock.systemUTC();

    public SessionService(SessionRepository sessions, AnswerRepository answers, QuestionDrawer drawer, Access access,
            TeamSettingsService teamSettings, jakarta.enterprise.event.Event<GradingProgress> progressEvents) {
        this.progressEvents = progressEvents;
        this.sessions = sessions;
        this.answers = answers;
        this.drawer = drawer;
        this.access = access;
        this.teamSettings = teamSettings;
    }

    /**
     * Draws the questions first (no transaction is held while question-service answers), then stores the
     * session and its question snapshot in one transaction. A failed draw stores nothing.
     */
    public SessionView create(Caller caller, CreateSessionRequest request) {
        String candidate = candidateFor(caller, request.candidate());
        teamSettings.checkSessionStart(caller);
        DrawResponse drawn = drawer.draw(caller.team(), new DrawRequest(request.questionCount(),
                request.categories() == null || request.categories().isEmpty() ? null : request.categories(),
                request.difficulty() == null ? null : request.difficulty().name(), null, null,
                request.bank() == null ? null : request.bank().name(),
                request.tags() == null || request.tags().isEmpty() ? null : request.tags()));
        Set<String> ids = new HashSet<>();
        for (DrawResponse.DrawnQuestion q : drawn.questions()) {
            if (q == null || q.id() == null || q.prompt() == null || q.category() == null || q.difficulty() == null
                    || q.rubricVersion() == null || !ids.add(q.id())) {
                throw new ProblemException(503, "Question bank unavailable",
                        "question-service returned an unusable draw; try again shortly", List.of());
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            // counted again under the candidate's lock, so starts at the same moment cannot pass the quota together
            teamSettings.holdSessionStart(caller);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            InterviewSession s = new InterviewSession();
            s.id = UUID.randomUUID();
            s.team = caller.team();
            s.candidate = candidate;
            s.assignedBy = candidate.equals(caller.subject()) ? null : caller.subject();
            s.title = request.title() == null || request.title().isBlank() ? defaultTitle(request) : request.title().strip();
            s.status = SessionStatus.OPEN;
            s.createdAt = now;
            s.timeLimitMinutes = request.timeLimitMinutes();
            s.expiresAt = request.timeLimitMinutes() == null ? null : now.plus(Duration.ofMinutes(request.timeLimitMinutes()));
            int position = 1;
            for (DrawResponse.DrawnQuestion q : drawn.questions()) {
                s.questions.add(new SessionQuestion(position++, q.id(), q.prompt(), q.category(), q.difficulty(), q.rubricVersion()));
            }
            sessions.persist(s);
            LOG.infof("Session %s started for %s in team %s with %d questions%s", s.id, s.candidate, s.team, s.questions.size(),
                    s.assignedBy == null ? "" : " (assigned by " + s.assignedBy + ")");
            return view(s, List.of(), now);
        });
    }

    /**
     * Whom the session is for: a candidate starts their own; an interviewer or admin assigns one to a named
     * candidate of the team, who then sees it and takes it.
     */
    static String candidateFor(Caller caller, String named) {
        String candidate = named == null ? null : named.strip();
        if (caller.readsTeam()) {
            if (candidate == null || candidate.isEmpty()) {
                throw ProblemException.invalid("candidate", "name the candidate of your team the session is for");
            }
            if (candidate.chars().anyMatch(Character::isISOControl)) {
                throw ProblemException.invalid("candidate", "must not contain control characters");
            }
            return candidate;
        }
        if (candidate != null && !candidate.isEmpty() && !candidate.equals(caller.subject())) {
            throw new ProblemException(403, "Forbidden", "Only interviewers and admins assign sessions to other candidates",
                    List.of());
        }
        return caller.subject();
    }

    @Transactional
    public SessionView get(Caller caller, UUID id) {
        InterviewSession s = access.readable(caller, id);
        return view(s, answers.currentAnswers(id), clock.instant());
    }

    /** A candidate's own history; for interviewers and admins the team's, filtered. */
    @Transactional
    public List<SessionSummary> list(Caller caller, SessionFilter filter) {
        SessionFilter scoped = caller.readsTeam() ? filter : filter.forCandidate(caller.subject());
        Instant now = clock.instant();
        List<InterviewSession> found = sessions.search(caller.team(), scoped, now);
        List<UUID> ids = found.stream().map(s -> s.id).toList();
        // an unanswered question counts as 0, as in the report
        Map<UUID, Integer> scores = sessions.overallScores(found);
        Map<UUID, Integer> reviewed = sessions.reviewedCounts(ids);
        return found.stream()
                .map(s -> new SessionSummary(s.id, s.title, s.candidate, s.statusAt(now), s.createdAt, s.completedAt,
                        s.questions.size(), scores.get(s.id), s.assignedBy, reviewed.getOrDefault(s.id, 0)))
                .toList();
    }

    /** Closes the session for answers; grading of what was submitted goes on. Completing twice is harmless. */
    @Transactional
    public SessionView complete(Caller caller, UUID id) {
        InterviewSession s = access.manageableLocked(caller, id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SessionStatus status = s.statusAt(now);
        if (status == SessionStatus.EXPIRED) {
            s.status = SessionStatus.EXPIRED;
            throw ProblemException.conflict("Session " + id + " expired at " + s.expiresAt + " and can no longer be completed");
        }
        List<Answer> current = answers.currentAnswers(id);
        if (status == SessionStatus.OPEN) {
            s.status = SessionStatus.COMPLETED;
            s.completedAt = now;
            LOG.infof("Session %s completed by %s", id, caller.subject());
            // the stream's last word, when the answers were all graded before the session was closed
            GradingProgress closed = progress("session-completed", s, current, null);
            fire(progressEvents, closed);
        }
        return view(s, current, now);
    }

    @Transactional
    public GradingProgress snapshot(Caller caller, UUID id) {
        InterviewSession s = access.readable(caller, id);
        return progress("snapshot", s, answers.currentAnswers(id), null);
    }

    /** Marks overdue open sessions EXPIRED; reads already show them so, this keeps the stored status honest. */
    @Scheduled(every = "${viva.expiry.sweep-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void expireOverdue() {
        int expired = sessions.expireOverdue(clock.instant());
        if (expired > 0) {
            LOG.infof("%d sessions expired", expired);
        }
    }

    static GradingProgress progress(String type, InterviewSession s, List<Answer> current, Answer changed) {
        int graded = (int) current.stream().filter(a -> a.status == dev.viva.session.domain.AnswerStatus.GRADED).count();
        int failed = (int) current.stream().filter(a -> a.status == dev.viva.session.domain.AnswerStatus.FAILED).count();
        int pending = current.size() - graded - failed;
        Instant now = Instant.now();
        SessionStatus status = s.statusAt(now);
        boolean noneToCome = status != SessionStatus.OPEN || current.size() == s.questions.size();
        boolean allGraded = pending == 0 && !current.isEmpty() && noneToCome;
        return new GradingProgress(type, s.id, changed == null ? null : changed.id, changed == null ? null : changed.questionId,
                changed == null ? null : changed.status.name(), changed == null ? null : changed.score,
                graded, failed, pending, s.questions.size(), now, current.size(), status.name(), allGraded);
    }

    /**
     * The same event for an answer just submitted (pending, no score yet), from counts of the current answers
     * (answered, graded, failed), as the submit path reads them.
     */
    static GradingProgress submitted(UUID sessionId, SessionStatus status, int questions, long[] counts, UUID answerId,
            String questionId) {
        int answered = (int) counts[0];
        int graded = (int) counts[1];
        int failed = (int) counts[2];
        int pending = answered - graded - failed;
        boolean noneToCome = status != SessionStatus.OPEN || answered == questions;
        boolean allGraded = pending == 0 && answered > 0 && noneToCome;
        return new GradingProgress("answer-submitted", sessionId, answerId, questionId, dev.viva.session.domain.AnswerStatus.PENDING.name(), null,
                graded, failed, pending, questions, Instant.now(), answered, status.name(), allGraded);
    }

    /** Fires a progress event after commit, followed by the final all-graded one when this change completed the grading. */
    static void fire(jakarta.enterprise.event.Event<GradingProgress> events, GradingProgress progress) {
        events.fire(progress);
        if (progress.allGraded()) {
            events.fire(progress.asAllGraded());
        }
    }

    static SessionView view(InterviewSession s, List<Answer> current, Instant now) {
        Map<String, Answer> byQuestion = current.stream().collect(Collectors.toMap(a -> a.questionId, Function.identity(), (a, b) -> a));
        List<SessionView.QuestionView> questions = s.questions.stream()
                .map(q -> {
                    Answer a = byQuestion.get(q.questionId);
                    return new SessionView.QuestionView(q.position, q.questionId, q.prompt, q.category, q.difficulty,
                            a == null ? null : new SessionView.AnswerRef(a.id, a.visibleStatus(), a.submittedAt));
                })
                .toList();
        return new SessionView(s.id, s.title, s.statusAt(now), s.candidate, s.createdAt, s.expiresAt, s.completedAt,
                s.timeLimitMinutes, questions, s.assignedBy);
    }

    private static String defaultTitle(CreateSessionRequest request) {
        String topic = request.categories() == null || request.categories().isEmpty() ? "mixed topics"
                : String.join(", ", request.categories());
        return "Mock interview: " + topic + " (" + request.questionCount() + " questions)";
    }

}
