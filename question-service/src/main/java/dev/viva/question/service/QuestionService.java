package dev.viva.question.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.viva.question.config.BankConfig;
import dev.viva.question.domain.Bank;
import dev.viva.question.domain.Difficulty;
import dev.viva.question.domain.Question;
import dev.viva.question.domain.QuestionStatus;
import dev.viva.question.domain.Rubric;
import dev.viva.question.domain.RubricVersion;
import dev.viva.question.repository.QuestionRepository;
import dev.viva.question.repository.RubricVersionRepository;

/**
 * Reads and changes questions and their rubric versions. A rubric version is never changed: a
 * question whose rubric content changes gets the next version, and an unchanged one gets none.
 *
 * <p>Ownership: the shared bank (team null) comes from the bank files and is read-only through the
 * API except for retiring, which only a deployment operator (role {@code operator}, with {@code admin}) may do;
 * admins create, edit and retire their own team's questions.
 */
@ApplicationScoped
@Transactional
public class QuestionService {

    private static final Logger LOG = Logger.getLogger(QuestionService.class);

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** Far beyond any bank; keeps the row offset (page × size) well inside an int. */
    public static final int MAX_PAGE = 100_000;

    public record QuestionPage(List<Question> items, int page, int size, long total) {
    }

    public record RubricRecord(Question question, RubricVersion version, Rubric rubric) {
    }

    private final QuestionRepository questions;
    private final RubricVersionRepository rubrics;
    private final QuestionValidator validator;
    private final RubricCodec codec;
    private final CriteriaDefaults criteria;
    private final BankConfig config;
    private final CategoryService categories;

    public QuestionService(QuestionRepository questions, RubricVersionRepository rubrics, QuestionValidator validator,
            RubricCodec codec, CriteriaDefaults criteria, BankConfig config, CategoryService categories) {
        this.categories = categories;
        this.questions = questions;
        this.rubrics = rubrics;
        this.validator = validator;
        this.codec = codec;
        this.criteria = criteria;
        this.config = config;
    }

    public QuestionPage list(Caller caller, String category, String difficulty, String tag, String text, String status,
            boolean includeRetired, String bank, Integer page, Integer size) {
        List<FieldError> errors = new ArrayList<>();
        if (category != null && !categories.isVisible(caller.team(), category)) {
            errors.add(new FieldError("category", "must be one of " + categories.visible(caller.team())));
        }
        Bank source = parseBank(errors, "bank", bank);
        Difficulty level = parseDifficulty(errors, "difficulty", difficulty);
        List<QuestionStatus> statuses = List.of(QuestionStatus.ACTIVE);
        if (status != null) {
            try {
                statuses = List.of(QuestionStatus.valueOf(status));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "must be ACTIVE or RETIRED"));
            }
        }
        if (includeRetired) {
            statuses = List.of(QuestionStatus.ACTIVE, QuestionStatus.RETIRED);
        }
        int p = page == null ? 0 : page;
        int s = size == null ? config.paging().defaultSize() : size;
        if (p < 0 || p > MAX_PAGE) {
            errors.add(new FieldError("page", "must be from 0 to " + MAX_PAGE + " (pages count from 0)"));
        }
        if (s < 1 || s > config.paging().maxSize()) {
            errors.add(new FieldError("size", "must be between 1 and " + config.paging().maxSize()));
        }
        if (!errors.isEmpty()) {
            throw ServiceException.invalid(errors);
        }
        if (statuses.contains(QuestionStatus.RETIRED) && !caller.isAdmin()) {
            throw ServiceException.forbidden("Only admins list retired questions");
        }
        var result = questions.search(new QuestionRepository.Filter(caller.team(), source, statuses, category, level,
                blankToNull(tag), blankToNull(text)), p, s);
        return new QuestionPage(result.items(), p, s, result.total());
    }

    public Question get(Caller caller, String id) {
        return questions.findVisible(id, caller.team()).orElseThrow(() -> ServiceException.questionNotFound(id));
    }

    /** Rows of (tag, questions carrying it, of which the team's own), for the active questions the caller sees. */
    public List<Object[]> tags(Caller caller) {
        return questions.tagCounts(caller.team());
    }

    public RubricRecord rubric(Caller caller, String id, Integer version) {
        Question question = get(caller, id);
        int v = version == null ? question.currentVersion : version;
        if (v < 1) {
            throw ServiceException.invalid("version", "must be 1 or more");
        }
        RubricVersion stored = rubrics.find(question, v)
                .orElseThrow(() -> ServiceException.notFound("Question '" + id + "' has no rubric version " + v));
        return new RubricRecord(question, stored, codec.fromJson(stored.content));
    }

    public List<RubricVersion> versions(Caller caller, String id) {
        return rubrics.versions(get(caller, id));
    }

    public RubricRecord create(Caller caller, QuestionInput input) {
        String team = requireTeam(caller);
        ValidQuestion valid = validator.validate(input, "", criteria.criteria(), categories.teamRules(team));
        questions.lockAgainstBankLoading();
        var taken = questions.findVisible(valid.id(), team);
        if (taken.isPresent()) {
            throw ServiceException.conflict(idTaken(taken.get(), valid.id()));
        }
        Question created;
        try {
            created = insert(valid, team, caller.subject());
            questions.flush();
        } catch (PersistenceException e) {
            // another request of the same team created the same id between our check and our insert
            throw ServiceException.conflict("Your team already has a question with id '" + valid.id() + "'");
        }
        return current(created);
    }

    public RubricRecord update(Caller caller, String id, QuestionInput input) {
        if (input != null && input.id() != null && !input.id().equals(id)) {
            throw ServiceException.invalid("id", "must match the id in the path ('" + id + "') or be left out");
        }
        Question question = ownedForChange(caller, id, true);
        QuestionInput withId = input == null ? null
                : new QuestionInput(id, input.category(), input.difficulty(), input.tags(), input.prompt(),
                        input.referenceAnswer(), input.keyPoints(), input.redFlags(), input.followUps(), input.criteria());
        ValidQuestion valid = validator.validate(withId, "", criteria.criteria(), categories.teamRules(caller.team()));
        apply(question, valid, caller.subject());
        return current(question);
    }

    /**
     * Why an id cannot be taken, naming only a bank the caller sees: its own team's or the shared one. Another
     * team's question of the same id is no obstacle, so it is never mentioned.
     */
    static String idTaken(Question existing, String id) {
        return existing.shared()
                ? "Question id '" + id + "' belongs to the shared bank; choose another id"
                : "Your team already has a question with id '" + id + "'";
    }

    public Question retire(Caller caller, String id) {
        Question question = ownedForChange(caller, id, false);
        if (question.status != QuestionStatus.RETIRED) {
            question.status = QuestionStatus.RETIRED;
            question.updatedAt = Instant.now();
            LOG.infof("Question %s retired by %s", id, caller.subject());
        }
        return question;
    }

    /** Creates a question with rubric version 1. */
    public Question insert(ValidQuestion valid, String team, String actor) {
        Instant now = Instant.now();
        Question q = new Question();
        q.id = valid.id();
        q.team = team;
        q.category = valid.category();
        q.difficulty = valid.rubric().difficulty();
        q.tags = new ArrayList<>(valid.tags());
        q.prompt = valid.rubric().prompt();
        q.status = QuestionStatus.ACTIVE;
        q.currentVersion = 1;
        q.createdAt = now;
        q.updatedAt = now;
        questions.persist(q);
        addVersion(q, 1, valid.rubric(), actor, now);
        return q;
    }

    /**
     * Brings a stored question in line with {@code valid}: a new rubric version when the rubric's
     * hash changed, none when it did not; tags are not part of the rubric and change in place.
     */
    public Outcome apply(Question q, ValidQuestion valid, String actor) {
        String hash = codec.hash(valid.rubric());
        String currentHash = rubrics.find(q, q.currentVersion).map(r -> r.hash).orElse(null);
        boolean rubricChanged = !hash.equals(currentHash);
        boolean tagsChanged = !Objects.equals(q.tags, valid.tags());
        if (!rubricChanged && !tagsChanged) {
            return Outcome.UNCHANGED;
        }
        Instant now = Instant.now();
        if (rubricChanged) {
            int next = q.currentVersion + 1;
            addVersion(q, next, valid.rubric(), actor, now);
            q.currentVersion = next;
            q.category = valid.category();
            q.difficulty = valid.rubric().difficulty();
            q.prompt = valid.rubric().prompt();
            LOG.infof("Question %s now has rubric version %d", q.id, next);
        }
        if (tagsChanged) {
            q.tags.clear();
            q.tags.addAll(valid.tags());
        }
        q.updatedAt = now;
        return Outcome.UPDATED;
    }

    private void addVersion(Question question, int version, Rubric rubric, String actor, Instant now) {
        RubricVersion v = new RubricVersion();
        v.questionKey = question.key;
        v.version = version;
        v.content = codec.toJson(rubric);
        v.hash = codec.hash(rubric);
        v.createdAt = now;
        v.createdBy = actor == null ? "unknown" : actor;
        rubrics.persist(v);
    }

    private RubricRecord current(Question q) {
        RubricVersion v = rubrics.find(q, q.currentVersion).orElseThrow();
        return new RubricRecord(q, v, codec.fromJson(v.content));
    }

    private Question ownedForChange(Caller caller, String id, boolean edit) {
        Question question = questions.findVisible(id, caller.team())
                .orElseThrow(() -> ServiceException.questionNotFound(id));
        if (question.shared() && edit) {
            throw ServiceException.forbidden("Question '" + id + "' belongs to the shared bank, which is edited in the bank files");
        }
        if (question.shared() && !caller.isOperator()) {
            // retiring a shared question hides it from every team: no single team's admin may do that
            throw ServiceException.forbidden("Question '" + id + "' belongs to the shared bank; only a deployment operator "
                    + "(role " + Caller.OPERATOR + ") may retire it");
        }
        return questions.findOwnedForUpdate(question.team, id).orElseThrow(() -> ServiceException.questionNotFound(id));
    }

    static String requireTeam(Caller caller) {
        if (caller.team() == null || caller.team().isBlank()) {
            throw ServiceException.forbidden("The token has no team claim, so there is no team to own the questions");
        }
        return caller.team();
    }

    static Difficulty parseDifficulty(List<FieldError> errors, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Difficulty.valueOf(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be one of JUNIOR, MID, SENIOR"));
            return null;
        }
    }

    /** {@code team}, {@code shared} or {@code both} (any case); null or blank is both. */
    static Bank parseBank(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return Bank.BOTH;
        }
        try {
            return Bank.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be team, shared or both"));
            return Bank.BOTH;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
