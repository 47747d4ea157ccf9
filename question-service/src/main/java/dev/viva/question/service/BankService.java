package dev.viva.question.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.viva.question.domain.Question;
import dev.viva.question.domain.Rubric;
import dev.viva.question.repository.QuestionRepository;
import dev.viva.question.repository.RubricVersionRepository;

/** Loads the shipped bank, and imports and exports a team's bank in the BANK.md format. */
@ApplicationScoped
public class BankService {

    private static final Logger LOG = Logger.getLogger(BankService.class);
    static final String BANK_ACTOR = "bank-loader";

    public record ImportResult(int created, int updated, int unchanged) {
    }

    /** What a bank load did; {@code rejected} names every file or question that was skipped and why. */
    public record LoadReport(int created, int updated, int unchanged, List<String> rejected) {
    }

    private final QuestionRepository questions;
    private final RubricVersionRepository rubrics;
    private final QuestionService service;
    private final QuestionValidator validator;
    private final CriteriaDefaults criteria;
    private final BankReader reader;
    private final RubricCodec codec;
    private final CategoryService categories;

    public BankService(QuestionRepository questions, RubricVersionRepository rubrics, QuestionService service,
            QuestionValidator validator, CriteriaDefaults criteria, BankReader reader, RubricCodec codec,
            CategoryService categories) {
        this.categories = categories;
        this.questions = questions;
        this.rubrics = rubrics;
        this.service = service;
        this.validator = validator;
        this.criteria = criteria;
        this.reader = reader;
        this.codec = codec;
    }

    /**
     * Loads the bank files into the shared bank. Idempotent: unchanged questions are left alone,
     * changed ones get a new rubric version. Invalid questions are skipped and reported, so one bad
     * entry does not keep the service from starting. Instances starting at once take turns on an
     * advisory lock.
     */
    @Transactional
    public LoadReport loadBank() {
        questions.lockBankLoading();
        List<Rubric.Criterion> defaults = criteria.criteria();
        BankRules rules = categories.shippedRules();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        List<String> rejected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BankReader.Source source : reader.bankFiles()) {
            if (source.error() != null) {
                rejected.add(source.name() + ": " + source.error());
                continue;
            }
            List<QuestionInput> list = Optional.ofNullable(source.document().questions()).orElse(List.of());
            for (int i = 0; i < list.size(); i++) {
                QuestionInput input = list.get(i) == null ? null : list.get(i).withCategory(source.document().category());
                String where = source.name() + " questions[" + i + "]" + (input != null && input.id() != null ? " (" + input.id() + ")" : "");
                ValidQuestion valid;
                try {
                    valid = validator.validate(input, "", defaults, rules);
                } catch (ServiceException e) {
                    rejected.add(where + ": " + e.errors());
                    continue;
                }
                if (!seen.add(valid.id())) {
                    rejected.add(where + ": the id appears more than once in the bank");
                    continue;
                }
                Optional<Question> existing = questions.findOwnedForUpdate(null, valid.id());
                if (existing.isEmpty() && questions.usedByATeam(valid.id())) {
                    // a team's ids must stay apart from the shared bank's, which every team sees
                    rejected.add(where + ": a team's own bank already uses the id");
                } else if (existing.isEmpty()) {
                    service.insert(valid, null, BANK_ACTOR);
                    created++;
                } else if (service.apply(existing.get(), valid, BANK_ACTOR) == QuestionService.Outcome.UPDATED) {
                    updated++;
                } else {
                    unchanged++;
                }
            }
        }
        rejected.forEach(r -> LOG.errorf("Bank entry skipped: %s", r));
        LOG.infof("Question bank loaded: %d new, %d updated, %d unchanged, %d skipped", created, updated, unchanged,
                rejected.size());
        return new LoadReport(created, updated, unchanged, List.copyOf(rejected));
    }

    /**
     * Creates or updates the caller's team's questions from a bank document, all or nothing: any
     * invalid question, or an id of the shared bank, refuses the whole import. Ids are the team's own:
     * another team's question of the same id is neither touched nor mentioned.
     * The document's {@code categories} are defined for the team first, so its questions may use them, and its
     * {@code criteria}, when it has some, replace criteria.yaml's for its questions that bring none.
     * A team's questions are held to {@link BankRules.Profile#TEAM}.
     */
    @Transactional
    public ImportResult importBank(Caller caller, BankDocument document) {
        String team = QuestionService.requireTeam(caller);
        List<ValidQuestion> valid = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        // A document's own criteria are the default of its questions that bring none (a short-answer bank, say,
        // graded on accuracy and completeness only); without them, criteria.yaml's.
        List<Rubric.Criterion> defaults = document.criteria() == null ? criteria.criteria()
                : validator.criteria(errors, "criteria", document.criteria());
        List<String> declared = document.categories() == null ? List.of() : document.categories();
        for (int i = 0; i < declared.size(); i++) {
            try {
                validator.checkCategoryName("categories[" + i + "]", declared.get(i));
            } catch (ServiceException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw ServiceException.invalid(errors);
        }
        for (int i = 0; i < declared.size(); i++) {
            categories.define(caller, declared.get(i), "categories[" + i + "]");
        }
        BankRules rules = categories.teamRules(team);
        Map<String, Integer> firstIndex = new HashMap<>();
        List<QuestionInput> list = document.questions();
        for (int i = 0; i < list.size(); i++) {
            String prefix = "questions[" + i + "].";
            QuestionInput input = list.get(i) == null ? null : list.get(i).withCategory(document.category());
            try {
                ValidQuestion v = validator.validate(input, prefix, defaults, rules);
                Integer first = firstIndex.putIfAbsent(v.id(), i);
                if (first != null) {
                    errors.add(new FieldError(prefix + "id", "duplicates questions[" + first + "].id"));
                }
                valid.add(v);
            } catch (ServiceException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw ServiceException.invalid(errors);
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        questions.lockAgainstBankLoading();
        try {
            for (ValidQuestion v : valid) {
                Optional<Question> existing = questions.findOwnedForUpdate(team, v.id());
                if (existing.isEmpty()) {
                    Optional<Question> shared = questions.findVisible(v.id(), team);
                    if (shared.isPresent()) {
                        throw ServiceException.conflict(QuestionService.idTaken(shared.get(), v.id()));
                    }
                    service.insert(v, team, caller.subject());
                    created++;
                } else if (service.apply(existing.get(), v, caller.subject()) == QuestionService.Outcome.UPDATED) {
                    updated++;
                } else {
                    unchanged++;
                }
            }
            questions.flush();
        } catch (PersistenceException e) {
            // another import of the same team created one of these ids between our check and our insert
            throw ServiceException.conflict("Another change to your team's bank created one of these questions meanwhile;"
                    + " import again");
        }
        LOG.infof("Bank import for team %s by %s: %d new, %d updated, %d unchanged", team, caller.subject(), created,
                updated, unchanged);
        return new ImportResult(created, updated, unchanged);
    }

    /**
     * A bank in the bank format, with current rubrics: the caller's team's questions (active and retired)
     * and its own categories, or the shared bank's questions ({@code shared}), which a team can read, adapt
     * under ids of its own and import.
     */
    @Transactional
    public BankDocument export(Caller caller, boolean shared) {
        String team = QuestionService.requireTeam(caller);
        List<Rubric.Criterion> defaults = criteria.criteria();
        List<QuestionInput> out = new ArrayList<>();
        for (Question q : shared ? questions.listShared() : questions.listTeam(team)) {
            Rubric r = codec.fromJson(rubrics.find(q, q.currentVersion).orElseThrow().content);
            out.add(new QuestionInput(q.id, q.category, q.difficulty.name(), List.copyOf(q.tags), r.prompt(),
                    r.referenceAnswer(),
                    r.keyPoints().stream().map(k -> new QuestionInput.KeyPoint(k.id(), k.text(), k.weight(), k.required(), k.terms())).toList(),
                    r.redFlags().stream().map(f -> new QuestionInput.RedFlag(f.id(), f.text(), f.penalty())).toList(),
                    r.followUps(),
                    r.criteria().equals(defaults) ? null : r.criteria().stream()
                            .map(c -> new QuestionInput.Criterion(c.id(), c.name(), c.weight(), c.levels().stream()
                                    .map(l -> new QuestionInput.Level(l.level(), l.label(), l.descriptor())).toList()))
                            .toList()));
        }
        List<String> own = shared ? null : categories.teamOnly(team);
        return new BankDocument(null, own == null || own.isEmpty() ? null : own, out, null);
    }
}
