package dev.viva.question.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.question.config.BankConfig;
import dev.viva.question.domain.Difficulty;
import dev.viva.question.domain.Rubric;

/**
 * The rules every question follows, wherever it comes from (bank files, admin API, import).
 * Collects every problem at once, each named by its field path.
 */
@ApplicationScoped
public class QuestionValidator {

    /** Lowercase words of letters and digits joined by '-'. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9]+([-_][a-z0-9]+)*");

    static final int MAX_ID = 80;
    static final int MAX_TAG = 60;
    static final int MAX_TAGS = 20;
    static final int MAX_PROMPT = 4_000;
    static final int MAX_TEXT = 10_000;
    static final int MAX_KEY_POINTS = 20;
    static final int MAX_RED_FLAGS = 20;
    static final int MAX_FOLLOW_UPS = 20;
    static final int MAX_CATEGORY = 40;
    static final int MAX_PENALTY = 50;

    private final BankConfig config;

    public QuestionValidator(BankConfig config) {
        this.config = config;
    }

    public boolean isCategory(String category) {
        return config.categories().contains(category);
    }

    public List<String> categories() {
        return config.categories();
    }

    /** Checks a category name a team wants to define: a slug of at most 40 characters. */
    public void checkCategoryName(String path, String name) {
        List<FieldError> errors = new ArrayList<>();
        checkSlug(errors, path, name, SLUG, MAX_CATEGORY);
        if (!errors.isEmpty()) {
            throw ServiceException.invalid(errors);
        }
    }

    /**
     * @param prefix path of the question in the request ("" for a single question, "questions[3]." in an import)
     * @param defaultCriteria used when the question brings none
     */
    public ValidQuestion validate(QuestionInput q, String prefix, List<Rubric.Criterion> defaultCriteria, BankRules rules) {
        List<FieldError> errors = new ArrayList<>();
        if (q == null) {
            throw ServiceException.invalid(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "a question is required");
        }
        checkSlug(errors, prefix + "id", q.id(), SLUG, MAX_ID);
        if (blank(q.category())) {
            errors.add(new FieldError(prefix + "category", "is required"));
        } else if (!rules.categories().contains(q.category())) {
            errors.add(new FieldError(prefix + "category", "must be one of " + new java.util.TreeSet<>(rules.categories())
                    + (rules.shipped() ? "" : "; a team defines its own with PUT /api/categories/{category} or the"
                            + " import's categories list")));
        }
        Difficulty difficulty = null;
        if (blank(q.difficulty())) {
            errors.add(new FieldError(prefix + "difficulty", "is required"));
        } else {
            try {
                difficulty = Difficulty.valueOf(q.difficulty());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(prefix + "difficulty", "must be one of JUNIOR, MID, SENIOR"));
            }
        }
        List<String> tags = tags(errors, prefix, q.tags());
        checkText(errors, prefix + "prompt", q.prompt(), MAX_PROMPT);
        if (checkText(errors, prefix + "referenceAnswer", q.referenceAnswer(), MAX_TEXT)) {
            int words = q.referenceAnswer().strip().split("\\s+").length;
            if (rules.minReferenceWords() != null && (words < rules.minReferenceWords() || words > rules.maxReferenceWords())) {
                errors.add(new FieldError(prefix + "referenceAnswer", "has " + words + " words; the shared bank's reference"
                        + " answers have " + rules.minReferenceWords() + " to " + rules.maxReferenceWords()));
            }
        }
        List<Rubric.KeyPoint> keyPoints = keyPoints(errors, prefix, q.keyPoints(), rules);
        List<Rubric.RedFlag> redFlags = redFlags(errors, prefix, q.redFlags(), rules);
        List<String> followUps = followUps(errors, prefix, q.followUps(), rules);
        List<Rubric.Criterion> criteria = q.criteria() == null ? defaultCriteria
                : criteria(errors, prefix + "criteria", q.criteria());
        if (!errors.isEmpty()) {
            throw ServiceException.invalid(errors);
        }
        Rubric rubric = new Rubric(q.prompt().strip(), q.category(), difficulty, q.referenceAnswer().strip(), keyPoints,
                criteria, redFlags, followUps);
        return new ValidQuestion(q.id(), q.category(), tags, rubric);
    }

    /** Validates shared criteria (criteria.yaml or a question's own). */
    public List<Rubric.Criterion> criteria(List<FieldError> errors, String path, List<QuestionInput.Criterion> input) {
        List<Rubric.Criterion> result = new ArrayList<>();
        if (input == null || input.isEmpty()) {
            errors.add(new FieldError(path, "needs at least 1 criterion"));
            return result;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String p = path + "[" + i + "]";
            QuestionInput.Criterion c = input.get(i);
            if (c == null) {
                errors.add(new FieldError(p, "must not be null"));
                continue;
            }
            if (checkSlug(errors, p + ".id", c.id(), IDENTIFIER, MAX_TAG) && !ids.add(c.id())) {
                errors.add(new FieldError(p + ".id", "duplicates another criterion's id"));
            }
            checkText(errors, p + ".name", c.name(), 200);
            if (c.weight() == null) {
                errors.add(new FieldError(p + ".weight", "is required"));
            } else if (c.weight() < 1 || c.weight() > 10) {
                errors.add(new FieldError(p + ".weight", "must be between 1 and 10"));
            }
            List<Rubric.Level> levels = new ArrayList<>();
            if (c.levels() == null || c.levels().size() < 2) {
                errors.add(new FieldError(p + ".levels", "needs at least 2 levels"));
            } else {
                for (int l = 0; l < c.levels().size(); l++) {
                    String lp = p + ".levels[" + l + "]";
                    QuestionInput.Level level = c.levels().get(l);
                    if (level == null) {
                        errors.add(new FieldError(lp, "must not be null"));
                        continue;
                    }
                    if (level.level() == null || level.level() != l) {
                        errors.add(new FieldError(lp + ".level", "must be " + l + " (levels run from 0 upwards, in order)"));
                    }
                    checkText(errors, lp + ".label", level.label(), 200);
                    checkText(errors, lp + ".descriptor", level.descriptor(), 2_000);
                    levels.add(new Rubric.Level(l, strip(level.label()), strip(level.descriptor())));
                }
            }
            result.add(new Rubric.Criterion(c.id(), strip(c.name()), c.weight() == null ? 0 : c.weight(), levels));
        }
        return result;
    }

    private List<String> tags(List<FieldError> errors, String prefix, List<String> input) {
        Set<String> tags = new LinkedHashSet<>();
        if (input == null) {
            return List.of();
        }
        if (input.size() > MAX_TAGS) {
            errors.add(new FieldError(prefix + "tags", "at most " + MAX_TAGS + " tags"));
        }
        for (int i = 0; i < input.size(); i++) {
            if (checkSlug(errors, prefix + "tags[" + i + "]", input.get(i), SLUG, MAX_TAG)) {
                tags.add(input.get(i));
            }
        }
        return List.copyOf(tags);
    }

    private List<Rubric.KeyPoint> keyPoints(List<FieldError> errors, String prefix, List<QuestionInput.KeyPoint> input,
            BankRules rules) {
        String path = prefix + "keyPoints";
        List<Rubric.KeyPoint> result = new ArrayList<>();
        if (input == null || input.size() < rules.minKeyPoints()) {
            errors.add(new FieldError(path, rules.minKeyPoints() == 1 ? "needs at least 1 key point"
                    : "needs at least " + rules.minKeyPoints() + " key points (the shared bank's rule)"));
            return result;
        }
        if (input.size() > MAX_KEY_POINTS) {
            errors.add(new FieldError(path, "at most " + MAX_KEY_POINTS + " key points"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String p = path + "[" + i + "]";
            QuestionInput.KeyPoint k = input.get(i);
            if (k == null) {
                errors.add(new FieldError(p, "must not be null"));
                continue;
            }
            if (checkSlug(errors, p + ".id", k.id(), IDENTIFIER, MAX_TAG) && !ids.add(k.id())) {
                errors.add(new FieldError(p + ".id", "duplicates another key point's id"));
            }
            checkText(errors, p + ".text", k.text(), 2_000);
            if (k.weight() == null) {
                errors.add(new FieldError(p + ".weight", "is required"));
            } else if (k.weight() < 1 || k.weight() > 5) {
                errors.add(new FieldError(p + ".weight", "must be between 1 and 5"));
            }
            List<String> terms = new ArrayList<>();
            if (k.terms() == null || k.terms().size() < rules.minTerms()) {
                errors.add(new FieldError(p + ".terms", rules.minTerms() == 1 ? "needs at least 1 term"
                        : "needs at least " + rules.minTerms() + " terms (the shared bank's rule)"));
            } else if (k.terms().size() > rules.maxTerms()) {
                errors.add(new FieldError(p + ".terms", "at most " + rules.maxTerms() + " terms"));
            } else {
                for (int t = 0; t < k.terms().size(); t++) {
                    if (checkText(errors, p + ".terms[" + t + "]", k.terms().get(t), 200)) {
                        terms.add(k.terms().get(t).strip());
                    }
                }
            }
            result.add(new Rubric.KeyPoint(k.id(), strip(k.text()), k.weight() == null ? 0 : k.weight(),
                    Boolean.TRUE.equals(k.required()), List.copyOf(terms)));
        }
        if (result.stream().noneMatch(Rubric.KeyPoint::required)) {
            errors.add(new FieldError(path, "at least one key point must be required"));
        }
        return result;
    }

    private List<Rubric.RedFlag> redFlags(List<FieldError> errors, String prefix, List<QuestionInput.RedFlag> input,
            BankRules rules) {
        String path = prefix + "redFlags";
        List<Rubric.RedFlag> result = new ArrayList<>();
        int size = input == null ? 0 : input.size();
        if (size < rules.minRedFlags()) {
            errors.add(new FieldError(path, "needs at least " + rules.minRedFlags() + " red flag (the shared bank's rule)"));
            return result;
        }
        if (input == null) {
            return result;
        }
        if (size > MAX_RED_FLAGS) {
            errors.add(new FieldError(path, "at most " + MAX_RED_FLAGS + " red flags"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            String p = path + "[" + i + "]";
            QuestionInput.RedFlag r = input.get(i);
            if (r == null) {
                errors.add(new FieldError(p, "must not be null"));
                continue;
            }
            if (checkSlug(errors, p + ".id", r.id(), IDENTIFIER, MAX_ID) && !ids.add(r.id())) {
                errors.add(new FieldError(p + ".id", "duplicates another red flag's id"));
            }
            checkText(errors, p + ".text", r.text(), 2_000);
            if (r.penalty() == null) {
                errors.add(new FieldError(p + ".penalty", "is required"));
            } else if (r.penalty() < 0 || r.penalty() > MAX_PENALTY) {
                errors.add(new FieldError(p + ".penalty", "must be between 0 and " + MAX_PENALTY));
            }
            result.add(new Rubric.RedFlag(r.id(), strip(r.text()), r.penalty() == null ? 0 : r.penalty()));
        }
        return result;
    }

    private List<String> followUps(List<FieldError> errors, String prefix, List<String> input, BankRules rules) {
        String path = prefix + "followUps";
        List<String> result = new ArrayList<>();
        int size = input == null ? 0 : input.size();
        if (size < rules.minFollowUps()) {
            errors.add(new FieldError(path, "needs at least " + rules.minFollowUps()
                    + " follow-up questions (the shared bank's rule)"));
            return result;
        }
        if (input == null) {
            return result;
        }
        if (size > MAX_FOLLOW_UPS) {
            errors.add(new FieldError(path, "at most " + MAX_FOLLOW_UPS + " follow-up questions"));
        }
        for (int i = 0; i < input.size(); i++) {
            if (checkText(errors, path + "[" + i + "]", input.get(i), 2_000)) {
                result.add(input.get(i).strip());
            }
        }
        return result;
    }

    private static boolean checkSlug(List<FieldError> errors, String path, String value, Pattern pattern, int max) {
        if (blank(value)) {
            errors.add(new FieldError(path, "is required"));
            return false;
        }
        if (value.length() > max) {
            errors.add(new FieldError(path, "must be at most " + max + " characters"));
            return false;
        }
        if (!pattern.matcher(value).matches()) {
            errors.add(new FieldError(path, "must be a slug: lowercase letters and digits joined by '-'"));
            return false;
        }
        return true;
    }

    private static boolean checkText(List<FieldError> errors, String path, String value, int max) {
        if (blank(value)) {
            errors.add(new FieldError(path, "must not be blank"));
            return false;
        }
        if (value.length() > max) {
            errors.add(new FieldError(path, "must be at most " + max + " characters"));
            return false;
        }
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
