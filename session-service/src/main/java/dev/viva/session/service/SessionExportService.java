package dev.viva.session.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.viva.session.domain.Answer;
import dev.viva.session.domain.InterviewSession;
import dev.viva.session.domain.SessionQuestion;
import dev.viva.session.repository.AnswerRepository;
import dev.viva.session.repository.SessionRepository;

/** The team's sessions as CSV (RFC 4180): one row per question of each session, with its current answer's grade. */
@ApplicationScoped
public class SessionExportService {

    static final List<String> HEADER = List.of("session_id", "candidate", "title", "status", "created_at", "completed_at",
            "assigned_by", "position", "question_id", "category", "difficulty", "answer_status", "score", "grade_source",
            "reviewed_by", "graded_at");

    private final SessionRepository sessions;
    private final AnswerRepository answers;
    private final Clock clock = Clock.systemUTC();

    public SessionExportService(SessionRepository sessions, AnswerRepository answers) {
        this.sessions = sessions;
        this.answers = answers;
    }

    @Transactional
    public String csv(Caller caller, SessionFilter filter) {
        Instant now = clock.instant();
        List<InterviewSession> found = sessions.search(caller.team(), filter, now);
        Map<String, Answer> byQuestion = answers.currentAnswers(found.stream().map(s -> s.id).toList()).stream()
                .collect(Collectors.toMap(a -> a.sessionId + "/" + a.questionId, Function.identity(), (a, b) -> a));
        StringBuilder out = new StringBuilder(256 + found.size() * 400);
        row(out, HEADER);
        for (InterviewSession s : found) {
            for (SessionQuestion q : s.questions) {
                Answer a = byQuestion.get(s.id + "/" + q.questionId);
                row(out, List.of(s.id.toString(), s.candidate, s.title, s.statusAt(now).name(), str(s.createdAt),
                        str(s.completedAt), str(s.assignedBy), Integer.toString(q.position), q.questionId, q.category,
                        q.difficulty, a == null ? "UNANSWERED" : a.status.name(),
                        a == null || a.score == null ? "" : a.score.toString(), a == null || a.evaluation == null ? "" : a.gradeSource,
                        a == null ? "" : str(a.reviewedBy), a == null ? "" : str(a.gradedAt)));
            }
        }
        return out.toString();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * Quoted when it holds a comma, quote or line break; a text a spreadsheet would run as a formula
     * (=, +, -, @ first) is prefixed with an apostrophe, since titles and names come from users.
     */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
