package dev.viva.question.rest;

import java.time.Instant;
import java.util.List;

import dev.viva.question.domain.Difficulty;
import dev.viva.question.domain.Question;
import dev.viva.question.domain.QuestionStatus;
import dev.viva.question.domain.Rubric;
import dev.viva.question.domain.RubricVersion;
import dev.viva.question.service.CategoryService;
import dev.viva.question.service.QuestionService;

/** Response bodies. The candidate-safe view never carries a rubric field. */
public final class Views {

    private Views() {
    }

    /** What anyone may see of a question: no reference answer, key points, criteria, red flags or follow-ups. */
    public record QuestionView(String id, String prompt, String category, Difficulty difficulty, List<String> tags,
            QuestionStatus status, int rubricVersion, boolean shared) {

        static QuestionView of(Question q) {
            return new QuestionView(q.id, q.prompt, q.category, q.difficulty, List.copyOf(q.tags), q.status,
                    q.currentVersion, q.shared());
        }
    }

    public record PageView<T>(List<T> items, int page, int size, long total) {
    }

    /** A category: {@code shared} for the deployment's categories, false for your team's own. */
    public record CategoryCount(String category, long count, boolean shared) {

        static CategoryCount of(CategoryService.CategoryInfo c) {
            return new CategoryCount(c.category(), c.count(), c.shared());
        }
    }

    /** A tag with the number of active questions carrying it: all you can see, and your team's own. */
    public record TagCount(String tag, long count, long teamCount) {
    }

    /** One rubric version, as deploy/contracts/rubric.v1.schema.json describes it. */
    public record RubricView(String questionId, int version, String prompt, String category, Difficulty difficulty,
            String referenceAnswer, List<Rubric.KeyPoint> keyPoints, List<Rubric.Criterion> criteria,
            List<Rubric.RedFlag> redFlags, List<String> followUps, Instant createdAt) {

        static RubricView of(QuestionService.RubricRecord r) {
            Rubric rubric = r.rubric();
            return new RubricView(r.question().id, r.version().version, rubric.prompt(), rubric.category(),
                    rubric.difficulty(), rubric.referenceAnswer(), rubric.keyPoints(), rubric.criteria(),
                    rubric.redFlags(), rubric.followUps(), r.version().createdAt);
        }
    }

    public record RubricVersionView(int version, String hash, Instant createdAt, String createdBy, boolean current) {

        static RubricVersionView of(RubricVersion v, int current) {
            return new RubricVersionView(v.version, v.hash, v.createdAt, v.createdBy, v.version == current);
        }
    }

    /** One drawn question, as deploy/contracts/draw.v1.schema.json describes it. */
    public record DrawnQuestion(String id, String prompt, String category, Difficulty difficulty, List<String> tags,
            int rubricVersion) {

        static DrawnQuestion of(Question q) {
            return new DrawnQuestion(q.id, q.prompt, q.category, q.difficulty, List.copyOf(q.tags), q.currentVersion);
        }
    }

    public record DrawResponse(long seed, List<DrawnQuestion> questions) {
    }
}
