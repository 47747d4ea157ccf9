package dev.viva.session.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.viva.session.service.SessionReport;

/** Wording both the Markdown and the HTML report use, so the two say the same thing. */
final class ReportText {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ReportText() {
    }

    static String date(Instant at) {
        return at == null ? "" : DATE.format(at);
    }

    /** "1 h 05 min", "12 min", "40 s"; "so far" while the session is open. */
    static String duration(SessionReport r) {
        Duration d = Duration.ofSeconds(r.durationSeconds());
        String text = d.toHours() > 0 ? d.toHours() + " h " + String.format("%02d", d.toMinutesPart()) + " min"
                : d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
        return r.endedAt() == null ? text + " so far" : text;
    }

    static String gradedBy(SessionReport.QuestionReport q) {
        if (q.grader() == null) {
            return null;
        }
        String who = "local".equals(q.grader()) ? "the local grader" : "llm".equals(q.grader()) ? "an LLM" : q.grader();
        return q.model() == null || q.model().isBlank() ? who : who + " (" + q.model() + ")";
    }

    static String missedLater(int count) {
        return count + (count == 1 ? " key point" : " key points") + " missed (shown once the session ends and every answer is graded)";
    }

    static String withheldLater(int count) {
        return count + " more " + (count == 1 ? "suggestion is" : "suggestions are") + " shown once the session ends";
    }

    static String scoreBand(Integer score) {
        if (score == null) {
            return "none";
        }
        return score >= 80 ? "high" : score >= 50 ? "mid" : "low";
    }
}
