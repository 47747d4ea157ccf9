package dev.viva.session.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.session.client.RubricReader;
import dev.viva.session.client.RubricResponse;
import dev.viva.session.domain.Answer;
import dev.viva.session.domain.AnswerStatus;
import dev.viva.session.domain.InterviewSession;
import dev.viva.session.domain.SessionQuestion;
import dev.viva.session.domain.SessionStatus;
import dev.viva.session.event.AnswerGraded;
import dev.viva.session.repository.AnswerRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Builds a session's feedback report from the current answers and their evaluations. The database is read
 * in a short transaction; a reveal that needs rubrics the grader never sent (unanswered questions, failed
 * gradings) reads them from question-service afterwards, outside any transaction.
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);

    private final Access access;
    private final AnswerRepository answers;
    private final ObjectMapper mapper;
    private final TeamSettingsService teamSettings;
    private final RevealPolicy reveal;
    private final RubricReader rubrics;

    public ReportService(Access access, AnswerRepository answers, ObjectMapper mapper, TeamSettingsService teamSettings,
            RevealPolicy reveal, RubricReader rubrics) {
        this.teamSettings = teamSettings;
        this.access = access;
        this.answers = answers;
        this.mapper = mapper;
        this.reveal = reveal;
        this.rubrics = rubrics;
    }

    private record Loaded(InterviewSession session, List<Answer> current) {
    }

    public SessionReport report(Caller caller, UUID id) {
        Loaded loaded = QuarkusTransaction.requiringNew().call(() -> new Loaded(access.readable(caller, id),
                answers.currentAnswers(id)));
        InterviewSession s = loaded.session();
        List<Answer> current = loaded.current();
        Instant now = Instant.now();
        Map<String, Answer> byQuestion = current.stream()
                .collect(Collectors.toMap(a -> a.questionId, Function.identity(), (a, b) -> a));
        int graded = (int) current.stream().filter(a -> a.status == AnswerStatus.GRADED).count();
        int failed = (int) current.stream().filter(a -> a.status == AnswerStatus.FAILED).count();
        int pending = current.size() - graded - failed;
        SessionStatus status = s.statusAt(now);
        RevealPolicy.Reveal decision = reveal.decide(s, status, pending);
        // the team's reveal policy decides whether its candidates ever see the rubric's answers
        boolean revealed = decision.revealed() && teamSettings.revealsRubric(caller, s.team);

        List<SessionReport.QuestionReport> questions = new ArrayList<>();
        for (SessionQuestion q : s.questions) {
            SessionReport.QuestionReport report = question(q, byQuestion.get(q.questionId), revealed, caller.readsTeam());
            questions.add(revealed && report.referenceAnswer() == null ? withRubric(s.team, q, report) : report);
        }
        Map<String, List<SessionReport.QuestionReport>> byCategory = new LinkedHashMap<>();
        questions.forEach(q -> byCategory.computeIfAbsent(q.category(), c -> new ArrayList<>()).add(q));
        List<SessionReport.CategoryScore> categories = byCategory.entrySet().stream()
                .map(e -> new SessionReport.CategoryScore(e.getKey(), mean(e.getValue(), graded > 0),
                        (int) e.getValue().stream().filter(q -> "GRADED".equals(q.status())).count(), e.getValue().size()))
                .toList();
        Instant endedAt = switch (status) {
            case COMPLETED -> s.completedAt;
            case EXPIRED -> s.expiresAt;
            case OPEN -> null;
        };
        long duration = Math.max(0, Duration.between(s.createdAt, endedAt == null ? now : endedAt).toSeconds());
        return new SessionReport(s.id, s.title, s.candidate, status, s.createdAt, s.completedAt, mean(questions, graded > 0),
                SessionReport.SCORING, new SessionReport.Progress(graded, failed, pending, current.size(),
                        s.questions.size(), pending == 0 && !current.isEmpty()),
                revealed, categories, questions,
                "answered " + current.size() + " of " + s.questions.size() + " questions",
                decision.note(), endedAt, duration);
    }

    /**
     * The reveal of a question whose evaluation carries no reference answer (unanswered, or a failed grading):
     * from its rubric version. Should question-service not answer, the report still renders, without it.
     */
    private SessionReport.QuestionReport withRubric(String team, SessionQuestion q, SessionReport.QuestionReport r) {
        RubricResponse rubric;
        try {
            rubric = rubrics.rubric(team, q.questionId, q.rubricVersion);
        } catch (RuntimeException e) {
            LOG.warnf("Rubric %s v%d could not be read for a reveal: %s", q.questionId, q.rubricVersion, e.getMessage());
            return r;
        }
        if (rubric == null) {
            return r;
        }
        List<String> missed = r.keyPointsMissed();
        if ("UNANSWERED".equals(r.status()) && rubric.keyPoints() != null) {
            missed = rubric.keyPoints().stream().map(RubricResponse.KeyPoint::text).toList();
        }
        return new SessionReport.QuestionReport(r.position(), r.questionId(), r.prompt(), r.category(), r.difficulty(),
                r.answerId(), r.status(), r.answerText(), r.score(), r.grader(), r.model(), r.criteria(),
                r.keyPointsCovered(), r.keyPointsPartial(), missed == null ? 0 : Math.max(r.keyPointsMissedCount(), missed.size()),
                missed, r.strengths(), r.improvements(), r.feedbackWithheld(), r.redFlags(), r.injectionSuspected(),
                rubric.referenceAnswer(), r.failureReason(), r.gradeSource(), r.review(),
                r.followUps() != null && !r.followUps().isEmpty() ? r.followUps()
                        : rubric.followUps() == null ? List.of() : rubric.followUps());
    }

    private SessionReport.QuestionReport question(SessionQuestion q, Answer a, boolean revealed, boolean forTeam) {
        if (a == null) {
            return new SessionReport.QuestionReport(q.position, q.questionId, q.prompt, q.category, q.difficulty, null,
                    "UNANSWERED", null, null, null, null, List.of(), List.of(), List.of(), 0, revealed ? List.of() : null,
                    List.of(), List.of(), 0, List.of(), false, null, null, null, null, null);
        }
        AnswerGraded e = evaluation(a);
        if (e == null) {
            return new SessionReport.QuestionReport(q.position, q.questionId, q.prompt, q.category, q.difficulty, a.id,
                    a.status.name(), a.text, null, null, null, List.of(), List.of(), List.of(), 0, revealed ? List.of() : null,
                    List.of(), List.of(), 0, List.of(), false, null, null, null, null, null);
        }
        List<AnswerGraded.KeyPoint> kps = e.keyPoints() == null ? List.of() : e.keyPoints();
        List<String> covered = texts(kps, "COVERED");
        List<String> partial = texts(kps, "PARTIAL");
        List<String> missed = texts(kps, "MISSING");
        List<String> improvements = orEmpty(e.improvements());
        List<String> strengths = orEmpty(e.strengths());
        int withheld = 0;
        if (!revealed) {
            // feedback that quotes a missed key point or the reference answer would reveal them early
            List<String> secrets = new ArrayList<>(missed);
            if (e.referenceAnswer() != null && !e.referenceAnswer().isBlank()) {
                secrets.add(e.referenceAnswer());
            }
            List<String> safeImprovements = withoutSecrets(improvements, secrets);
            List<String> safeStrengths = withoutSecrets(strengths, secrets);
            withheld = improvements.size() - safeImprovements.size() + strengths.size() - safeStrengths.size();
            improvements = safeImprovements;
            strengths = safeStrengths;
        }
        return new SessionReport.QuestionReport(q.position, q.questionId, q.prompt, q.category, q.difficulty, a.id,
                a.status.name(), a.text, a.status == AnswerStatus.GRADED ? a.score : null, e.grader(), e.model(),
                orEmpty(e.criteria()), covered, partial, missed.size(), revealed ? missed : null,
                strengths, improvements, withheld, orEmpty(e.redFlags()),
                Boolean.TRUE.equals(e.injectionSuspected()), revealed ? e.referenceAnswer() : null, e.failureReason(),
                a.gradeSource, review(e, forTeam), revealed ? orEmpty(e.followUps()) : null);
    }

    private static SessionReport.Review review(AnswerGraded e, boolean forTeam) {
        if (!e.fromReview() || e.review() == null) {
            return null;
        }
        AnswerGraded.ReviewNote r = e.review();
        return new SessionReport.Review(r.reviewer(), r.reviewedAt(), r.action(), r.machineScore(), r.comment(),
                forTeam ? r.reason() : null);
    }

    private AnswerGraded evaluation(Answer a) {
        if (a.evaluation == null) {
            return null;
        }
        try {
            return mapper.readValue(a.evaluation, AnswerGraded.class);
        } catch (Exception e) {
            throw new IllegalStateException("Stored evaluation of answer " + a.id + " is unreadable", e);
        }
    }

    private static List<String> withoutSecrets(List<String> feedback, List<String> secrets) {
        return feedback.stream()
                .filter(f -> f != null && secrets.stream().noneMatch(secret -> mentions(f, secret)))
                .toList();
    }

    private static boolean mentions(String feedback, String secret) {
        String f = normalise(feedback);
        String s = normalise(secret);
        return !s.isEmpty() && (f.contains(s) || (s.length() > 40 && f.contains(s.substring(0, 40))));
    }

    private static String normalise(String s) {
        return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static List<String> texts(List<AnswerGraded.KeyPoint> kps, String status) {
        return kps.stream().filter(k -> status.equals(k.status())).map(AnswerGraded.KeyPoint::text).toList();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * Once anything is graded, unanswered questions count as 0; failed and pending ones are left out until they
     * have a score. Before the first grade there is no score (null), not a 0.
     */
    private static Integer mean(List<SessionReport.QuestionReport> questions, boolean anyGraded) {
        if (!anyGraded) {
            return null;
        }
        var scores = questions.stream().map(SessionReport.QuestionReport::countedScore).filter(java.util.Objects::nonNull)
                .mapToInt(Integer::intValue).summaryStatistics();
        return scores.getCount() == 0 ? null : (int) Math.round(scores.getAverage());
    }
}
