package dev.viva.session.rest;

import java.util.List;

import dev.viva.session.event.AnswerGraded;
import dev.viva.session.service.SessionReport;

/** The report as Markdown that also reads well as plain text in a terminal. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(SessionReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(line(r.title())).append("\n\n");
        md.append("**Overall score: ").append(score(r.overallScore())).append("** · ")
                .append(capital(r.answeredSummary())).append("\n\n");
        md.append("- Candidate: ").append(line(r.candidate())).append('\n');
        md.append("- Status: ").append(r.status()).append('\n');
        md.append("- Started: ").append(ReportText.date(r.createdAt()));
        if (r.endedAt() != null) {
            md.append(", ended: ").append(ReportText.date(r.endedAt()));
        }
        md.append(" (").append(ReportText.duration(r)).append(")\n");
        md.append("- Progress: ").append(r.progress().label()).append('\n');
        md.append("- Scoring: ").append(r.scoring()).append("\n\n");
        if (r.revealNote() != null) {
            md.append("> ").append(line(r.revealNote())).append("\n\n");
        }
        md.append("## Scores by category\n\n");
        md.append("| Category | Score | Graded |\n|---|---:|---:|\n");
        for (SessionReport.CategoryScore c : r.categories()) {
            md.append("| ").append(cell(c.category())).append(" | ").append(score(c.score())).append(" | ")
                    .append(c.graded()).append(" of ").append(c.questions()).append(" |\n");
        }
        md.append('\n');
        for (SessionReport.QuestionReport q : r.questions()) {
            md.append("## ").append(q.position()).append(". ").append(line(q.prompt())).append("\n\n");
            md.append("- Category: ").append(line(q.category())).append(" (").append(q.difficulty()).append(")\n");
            md.append("- Status: ").append(q.status()).append('\n');
            md.append("- Score: ").append("UNANSWERED".equals(q.status()) ? "0 / 100 (not answered)" : score(q.score()))
                    .append('\n');
            if (q.grader() != null) {
                md.append("- Graded by: ").append(line(ReportText.gradedBy(q))).append('\n');
            }
            if (q.review() != null) {
                SessionReport.Review rv = q.review();
                md.append("- **").append(capitalised(SessionReport.Review.LABEL)).append("** (").append(line(rv.reviewer()))
                        .append(", ").append(rv.reviewedAt()).append(rv.machineScore() == null ? "" : "; the grader gave " + rv.machineScore())
                        .append(")\n");
                if (rv.comment() != null) {
                    md.append("- Interviewer's comment: ").append(line(rv.comment())).append('\n');
                }
                if (rv.reason() != null) {
                    md.append("- Reason for the change: ").append(line(rv.reason())).append('\n');
                }
            }
            if (q.injectionSuspected()) {
                md.append("- **Warning:** the answer seems to contain instructions to the grader (prompt injection suspected)\n");
            }
            if (q.failureReason() != null) {
                md.append("- Grading failed: ").append(line(q.failureReason())).append('\n');
            }
            md.append('\n');
            if (q.answerText() != null) {
                md.append("**Your answer:**\n\n").append(quote(q.answerText())).append("\n\n");
            }
            if (!q.criteria().isEmpty()) {
                md.append("| Criterion | Level |\n|---|---:|\n");
                for (AnswerGraded.Criterion c : q.criteria()) {
                    md.append("| ").append(cell(c.name())).append(" | ").append(c.level()).append(" / ").append(c.maxLevel()).append(" |\n");
                }
                md.append('\n');
            }
            list(md, "Key points covered", q.keyPointsCovered());
            list(md, "Key points partly covered", q.keyPointsPartial());
            if (q.keyPointsMissed() != null) {
                list(md, "Key points missed", q.keyPointsMissed());
            } else if (q.keyPointsMissedCount() > 0) {
                md.append("**Key points missed:** ").append(ReportText.missedLater(q.keyPointsMissedCount())).append("\n\n");
            }
            list(md, "Strengths", q.strengths());
            list(md, "To improve", q.improvements());
            if (q.feedbackWithheld() > 0) {
                md.append("_").append(ReportText.withheldLater(q.feedbackWithheld())).append("._\n\n");
            }
            list(md, "Red flags", q.redFlags());
            if (q.referenceAnswer() != null) {
                md.append("**Reference answer:**\n\n").append(quote(q.referenceAnswer())).append("\n\n");
            }
            list(md, "Follow-up questions", q.followUps());
        }
        return md.toString();
    }

    private static void list(StringBuilder md, String heading, List<String> items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        md.append("**").append(heading).append(":**\n\n");
        items.forEach(i -> md.append("- ").append(line(i)).append('\n'));
        md.append('\n');
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String score(Integer score) {
        return score == null ? "not graded yet" : score + " / 100";
    }

    private static String capital(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Model and candidate text never breaks the document's structure: one line, no raw HTML. */
    private static String line(String s) {
        if (s == null) {
            return "";
        }
        // text a candidate wrote (a title, an answer) must not become a link, an image, a heading or HTML
        String flat = s.replaceAll("\\s+", " ").strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return flat.replaceAll("([\\\\`*_\\[\\]{}()#+!|~])", "\\\\$1");
    }

    private static String cell(String s) {
        return line(s);
    }

    /** A block quote: every line prefixed, so nothing in it can start a heading or end the quote. */
    private static String quote(String s) {
        return s.strip().replace("<", "&lt;").replace(">", "&gt;").lines().map(l -> l.isBlank() ? ">" : "> " + l)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
