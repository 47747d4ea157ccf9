package dev.viva.session.rest;

import java.util.List;

import dev.viva.session.event.AnswerGraded;
import dev.viva.session.service.SessionReport;

/** The report as one self-contained HTML page: inline CSS, an inline SVG chart, every text escaped. */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(SessionReport r) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(r.title())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330;line-height:1.45}")
                .append("h1{margin-bottom:.2rem}.meta{color:#566}.score{font-size:2.4rem;font-weight:700}")
                .append("section.q{border:1px solid #d6dbe3;border-radius:8px;padding:1rem 1.2rem;margin:1rem 0}")
                .append("table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #e4e7ec;text-align:left}")
                .append(".flag{background:#fde8e8;color:#8a1c1c;padding:.3rem .6rem;border-radius:4px;display:inline-block;margin:.2rem 0}")
                .append(".note{background:#eef4ff;padding:.5rem .8rem;border-radius:4px}")
                .append("blockquote{border-left:4px solid #9bb;margin:0;padding:.3rem .8rem;background:#f6f8f8;white-space:pre-wrap}")
                .append(".answer{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.5rem;border-radius:4px}")
                .append("h2.prompt{font-size:1.05rem;font-weight:600;margin:.1rem 0 .4rem;line-height:1.4}")
                .append("h3{font-size:.95rem;margin:.8rem 0 .3rem}")
                .append(".pill{display:inline-block;min-width:2.6rem;text-align:center;padding:.1rem .5rem;border-radius:999px;font-weight:700}")
                .append(".high{background:#dcf5e3;color:#13542a}.mid{background:#fff1cc;color:#6b4a00}")
                .append(".low{background:#fde2e2;color:#8a1c1c}.none{background:#eceff3;color:#445}")
                .append(".answered{font-size:1.1rem;font-weight:600}")
                .append("</style></head><body>\n");
        h.append("<h1>").append(esc(r.title())).append("</h1>\n");
        h.append("<p class=\"meta\">Candidate ").append(esc(r.candidate())).append(" &middot; ").append(r.status())
                .append(" &middot; started ").append(esc(ReportText.date(r.createdAt())));
        if (r.endedAt() != null) {
            h.append(" &middot; ended ").append(esc(ReportText.date(r.endedAt())));
        }
        h.append(" &middot; duration ").append(esc(ReportText.duration(r)))
                .append(" &middot; ").append(esc(r.progress().label())).append("</p>\n");
        h.append("<p><span class=\"score pill ").append(ReportText.scoreBand(r.overallScore())).append("\">")
                .append(r.overallScore() == null ? "&ndash;" : r.overallScore().toString())
                .append("</span> / 100 overall &middot; <span class=\"answered\">").append(esc(r.answeredSummary()))
                .append("</span></p>\n<p class=\"meta\">").append(esc(r.scoring())).append("</p>\n");
        if (r.revealNote() != null) {
            h.append("<p class=\"note\">").append(esc(r.revealNote())).append("</p>\n");
        }
        h.append("<h2>Scores by category</h2>\n").append(chart(r.categories()));
        for (SessionReport.QuestionReport q : r.questions()) {
            Integer shown = "UNANSWERED".equals(q.status()) ? Integer.valueOf(0) : q.score();
            h.append("<section class=\"q\"><h2 class=\"prompt\">").append(q.position()).append(". ").append(esc(q.prompt()))
                    .append("</h2>\n");
            h.append("<p class=\"meta\"><span class=\"pill ").append(ReportText.scoreBand(shown)).append("\">")
                    .append(shown == null ? "&ndash;" : shown.toString()).append("</span> / 100 &middot; ")
                    .append(esc(q.category())).append(" &middot; ").append(esc(q.difficulty()))
                    .append(" &middot; ").append(q.status()).append("</p>\n");
            if (q.grader() != null) {
                h.append("<p class=\"meta\">Graded by ").append(esc(ReportText.gradedBy(q))).append("</p>\n");
            }
            if (q.review() != null) {
                SessionReport.Review rv = q.review();
                h.append("<p class=\"note reviewed\">Score ").append(SessionReport.Review.LABEL).append(" (")
                        .append(esc(rv.reviewer())).append(", ").append(esc(String.valueOf(rv.reviewedAt())))
                        .append(rv.machineScore() == null ? "" : "; the grader gave " + rv.machineScore()).append(')');
                if (rv.comment() != null) {
                    h.append(": ").append(esc(rv.comment()));
                }
                if (rv.reason() != null) {
                    h.append("<br>Reason for the change: ").append(esc(rv.reason()));
                }
                h.append("</p>\n");
            }
            if (q.injectionSuspected()) {
                h.append("<p class=\"flag\">Prompt injection suspected: the answer seems to instruct the grader.</p>\n");
            }
            for (String flag : q.redFlags()) {
                h.append("<p class=\"flag\">Red flag: ").append(esc(flag)).append("</p>\n");
            }
            if (q.failureReason() != null) {
                h.append("<p class=\"flag\">Grading failed: ").append(esc(q.failureReason())).append("</p>\n");
            }
            if (q.answerText() != null) {
                h.append("<h3>Your answer</h3><div class=\"answer\">").append(esc(q.answerText())).append("</div>\n");
            }
            if (!q.criteria().isEmpty()) {
                h.append("<table><tr><th>Criterion</th><th>Level</th></tr>");
                for (AnswerGraded.Criterion c : q.criteria()) {
                    h.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(c.level()).append(" / ")
                            .append(c.maxLevel()).append("</td></tr>");
                }
                h.append("</table>\n");
            }
            list(h, "Key points covered", q.keyPointsCovered());
            list(h, "Key points partly covered", q.keyPointsPartial());
            if (q.keyPointsMissed() != null) {
                list(h, "Key points missed", q.keyPointsMissed());
            } else if (q.keyPointsMissedCount() > 0) {
                h.append("<p>").append(esc(ReportText.missedLater(q.keyPointsMissedCount()))).append("</p>\n");
            }
            list(h, "Strengths", q.strengths());
            list(h, "To improve", q.improvements());
            if (q.feedbackWithheld() > 0) {
                h.append("<p class=\"meta\">").append(esc(ReportText.withheldLater(q.feedbackWithheld()))).append(".</p>\n");
            }
            if (q.referenceAnswer() != null) {
                h.append("<h3>Reference answer</h3><blockquote>").append(esc(q.referenceAnswer())).append("</blockquote>\n");
            }
            list(h, "Follow-up questions", q.followUps());
            h.append("</section>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** Horizontal bars, one per category, 0-100. */
    private static String chart(List<SessionReport.CategoryScore> categories) {
        int rowHeight = 28;
        int height = Math.max(1, categories.size()) * rowHeight + 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Scores by category\" width=\"560\" height=\"")
                .append(height).append("\" viewBox=\"0 0 560 ").append(height).append("\">");
        int y = 5;
        for (SessionReport.CategoryScore c : categories) {
            int score = c.score() == null ? 0 : c.score();
            svg.append("<text x=\"0\" y=\"").append(y + 17).append("\" font-size=\"13\">").append(esc(label(c.category()))).append("</text>");
            svg.append("<rect x=\"160\" y=\"").append(y + 4).append("\" width=\"300\" height=\"16\" fill=\"#eceff3\"/>");
            svg.append("<rect class=\"bar\" x=\"160\" y=\"").append(y + 4).append("\" width=\"").append(score * 3)
                    .append("\" height=\"16\" fill=\"").append(barColour(c.score())).append("\"/>");
            svg.append("<text x=\"470\" y=\"").append(y + 17).append("\" font-size=\"13\">")
                    .append(c.score() == null ? "not graded" : c.score().toString()).append("</text>");
            y += rowHeight;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String barColour(Integer score) {
        return switch (ReportText.scoreBand(score)) {
            case "high" -> "#2e9e5b";
            case "mid" -> "#d99a00";
            case "low" -> "#d64545";
            default -> "#9aa3ad";
        };
    }

    private static String label(String category) {
        return category == null ? "" : category.length() <= 22 ? category : category.substring(0, 21) + "\u2026";
    }

    private static void list(StringBuilder h, String heading, List<String> items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        h.append("<h3>").append(heading).append("</h3><ul>");
        items.forEach(i -> h.append("<li>").append(esc(i)).append("</li>"));
        h.append("</ul>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
