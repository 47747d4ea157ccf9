package dev.viva.question.service;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.viva.question.domain.Bank;
import dev.viva.question.domain.Difficulty;
import dev.viva.question.domain.Question;
import dev.viva.question.repository.QuestionRepository;
import dev.viva.question.repository.QuestionRepository.Candidate;

/**
 * Draws questions for a session: spread round-robin across categories, and within a category
 * across difficulties, without repeats. The same seed over the same bank gives the same draw.
 */
@ApplicationScoped
public class DrawService {

    public static final int MAX_COUNT = 50;
    /** Random seeds stay within what a JSON number holds exactly in every language. */
    private static final long SEED_BOUND = 1L << 53;

    /**
     * {@code bank}: team, shared or both (default both); {@code tags}: only questions carrying at least one
     * of them (none: no tag filter).
     */
    public record DrawRequest(Integer count, List<String> categories, String difficulty, List<String> excludeIds, Long seed,
            String bank, List<String> tags) {
    }

    public record Draw(long seed, List<Question> questions) {
    }

    private final QuestionRepository questions;
    private final CategoryService categoryService;
    private final SecureRandom seeds = new SecureRandom();

    public DrawService(QuestionRepository questions, CategoryService categoryService) {
        this.questions = questions;
        this.categoryService = categoryService;
    }

    @Transactional
    public Draw draw(Caller caller, DrawRequest request) {
        if (request == null) {
            throw ServiceException.invalid("body", "a draw request is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.count() == null) {
            errors.add(new FieldError("count", "is required"));
        } else if (request.count() < 1 || request.count() > MAX_COUNT) {
            errors.add(new FieldError("count", "must be between 1 and " + MAX_COUNT));
        }
        List<String> categories = new ArrayList<>(new LinkedHashSet<>(request.categories() == null ? List.of() : request.categories()));
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i) == null || !categoryService.isVisible(caller.team(), categories.get(i))) {
                errors.add(new FieldError("categories[" + i + "]", "unknown category '" + categories.get(i)
                        + "'; known: " + categoryService.visible(caller.team())));
            }
        }
        Difficulty difficulty = QuestionService.parseDifficulty(errors, "difficulty", request.difficulty());
        Bank bank = QuestionService.parseBank(errors, "bank", request.bank());
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(request.tags() == null ? List.of() : request.tags()));
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || tag.length() > QuestionValidator.MAX_TAG || !QuestionValidator.SLUG.matcher(tag).matches()) {
                errors.add(new FieldError("tags[" + i + "]", "must be a tag: lowercase letters and digits joined by '-'"));
            }
        }
        if (tags.size() > QuestionValidator.MAX_TAGS) {
            errors.add(new FieldError("tags", "at most " + QuestionValidator.MAX_TAGS + " tags"));
        }
        if (!errors.isEmpty()) {
            throw ServiceException.invalid(errors);
        }
        Set<String> excluded = new HashSet<>(request.excludeIds() == null ? List.of() : request.excludeIds());
        List<Candidate> pool = new ArrayList<>(questions.drawPool(caller.team(), bank, categories, difficulty, tags));
        pool.removeIf(q -> excluded.contains(q.id()));
        int count = request.count();
        if (pool.size() < count) {
            throw ServiceException.unprocessable("count", "asks for " + count + " questions but only " + pool.size()
                    + " match" + describe(bank, categories, difficulty, tags) + " and the exclusions");
        }
        long seed = request.seed() != null ? request.seed() : seeds.nextLong(SEED_BOUND);
        List<Candidate> chosen = pick(pool, count, new Random(seed));
        return new Draw(seed, questions.loadInOrder(chosen.stream().map(Candidate::key).toList()));
    }

    private static String describe(Bank bank, List<String> categories, Difficulty difficulty, List<String> tags) {
        StringBuilder sb = new StringBuilder(switch (bank) {
            case TEAM -> " in your team's bank";
            case SHARED -> " in the shared bank";
            case BOTH -> " in the shared bank and your team's";
        });
        if (!categories.isEmpty()) {
            sb.append(", categories ").append(categories);
        }
        if (difficulty != null) {
            sb.append(", difficulty ").append(difficulty);
        }
        if (!tags.isEmpty()) {
            sb.append(", tags ").append(tags);
        }
        return sb.toString();
    }

    /** {@code pool} must be sorted by id: the seeded shuffle then fixes every choice below. */
    static List<Candidate> pick(List<Candidate> pool, int count, Random random) {
        List<Candidate> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, random);
        Map<String, List<Candidate>> byCategory = new LinkedHashMap<>();
        shuffled.stream().map(Candidate::category).distinct().sorted()
                .forEach(c -> byCategory.put(c, new ArrayList<>()));
        shuffled.forEach(q -> byCategory.get(q.category()).add(q));
        List<String> categoryOrder = new ArrayList<>(byCategory.keySet());
        // Which categories get one more question when count does not divide evenly is up to the seed.
        Collections.shuffle(categoryOrder, random);
        List<Deque<Candidate>> queues = new ArrayList<>();
        for (String category : categoryOrder) {
            queues.add(new ArrayDeque<>(spreadDifficulties(byCategory.get(category))));
        }
        List<Candidate> drawn = new ArrayList<>(count);
        while (drawn.size() < count) {
            for (Deque<Candidate> queue : queues) {
                if (drawn.size() < count && !queue.isEmpty()) {
                    drawn.add(queue.poll());
                }
            }
        }
        return drawn;
    }

    /** Orders one category's (shuffled) questions so that consecutive picks rotate through difficulties. */
    private static List<Candidate> spreadDifficulties(List<Candidate> questions) {
        // Difficulties in order of first appearance, so the seed also picks which one comes first.
        Map<Difficulty, Deque<Candidate>> byDifficulty = new LinkedHashMap<>();
        for (Candidate q : questions) {
            byDifficulty.computeIfAbsent(q.difficulty(), d -> new ArrayDeque<>()).add(q);
        }
        List<Candidate> ordered = new ArrayList<>(questions.size());
        while (ordered.size() < questions.size()) {
            for (Deque<Candidate> queue : byDifficulty.values()) {
                if (!queue.isEmpty()) {
                    ordered.add(queue.poll());
                }
            }
        }
        return ordered;
    }
}
