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

import dev.viva.question.domain.Difficulty;
import dev.viva.question.domain.Question;
import dev.viva.question.repository.QuestionRepository;

/**
 * Draws questions for a session: spread round-robin across categories, and within a category
 * across difficulties, without repeats. The same seed over the same bank gives the same draw.
 */
@ApplicationScoped
public class DrawService {

    public static final int MAX_COUNT = 50;
    /** Random seeds stay within what a JSON number holds exactly in every language. */
    private static final long SEED_BOUND = 1L << 53;

    public record DrawRequest(Integer count, List<String> categories, String difficulty, List<String> excludeIds, Long seed) {
    }

    public record Draw(long seed, List<Question> questions) {
    }

    private final QuestionRepository questions;
    private final QuestionValidator validator;
    private final SecureRandom seeds = new SecureRandom();

    public DrawService(QuestionRepository questions, QuestionValidator validator) {
        this.questions = questions;
        this.validator = validator;
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
            if (categories.get(i) == null || !validator.isCategory(categories.get(i))) {
                errors.add(new FieldError("categories[" + i + "]", "unknown category '" + categories.get(i)
                        + "'; known: " + validator.categories()));
            }
        }
        Difficulty difficulty = QuestionService.parseDifficulty(errors, "difficulty", request.difficulty());
        if (!errors.isEmpty()) {
            throw ServiceException.invalid(errors);
        }
        Set<String> excluded = new HashSet<>(request.excludeIds() == null ? List.of() : request.excludeIds());
        List<Question> pool = new ArrayList<>(questions.drawPool(caller.team(), categories, difficulty));
        pool.removeIf(q -> excluded.contains(q.id));
        int count = request.count();
        if (pool.size() < count) {
            throw ServiceException.unprocessable("count", "asks for " + count + " questions but only " + pool.size()
                    + " match the categories, difficulty and exclusions");
        }
        long seed = request.seed() != null ? request.seed() : seeds.nextLong(SEED_BOUND);
        return new Draw(seed, pick(pool, count, new Random(seed)));
    }

    /** {@code pool} must be sorted by id: the seeded shuffle then fixes every choice below. */
    static List<Question> pick(List<Question> pool, int count, Random random) {
        List<Question> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, random);
        Map<String, List<Question>> byCategory = new LinkedHashMap<>();
        shuffled.stream().map(q -> q.category).distinct().sorted()
                .forEach(c -> byCategory.put(c, new ArrayList<>()));
        shuffled.forEach(q -> byCategory.get(q.category).add(q));
        List<String> categoryOrder = new ArrayList<>(byCategory.keySet());
        // Which categories get one more question when count does not divide evenly is up to the seed.
        Collections.shuffle(categoryOrder, random);
        List<Deque<Question>> queues = new ArrayList<>();
        for (String category : categoryOrder) {
            queues.add(new ArrayDeque<>(spreadDifficulties(byCategory.get(category))));
        }
        List<Question> drawn = new ArrayList<>(count);
        while (drawn.size() < count) {
            for (Deque<Question> queue : queues) {
                if (drawn.size() < count && !queue.isEmpty()) {
                    drawn.add(queue.poll());
                }
            }
        }
        return drawn;
    }

    /** Orders one category's (shuffled) questions so that consecutive picks rotate through difficulties. */
    private static List<Question> spreadDifficulties(List<Question> questions) {
        // Difficulties in order of first appearance, so the seed also picks which one comes first.
        Map<Difficulty, Deque<Question>> byDifficulty = new LinkedHashMap<>();
        for (Question q : questions) {
            byDifficulty.computeIfAbsent(q.difficulty, d -> new ArrayDeque<>()).add(q);
        }
        List<Question> ordered = new ArrayList<>(questions.size());
        while (ordered.size() < questions.size()) {
            for (Deque<Question> queue : byDifficulty.values()) {
                if (!queue.isEmpty()) {
                    ordered.add(queue.poll());
                }
            }
        }
        return ordered;
    }
}
