package dev.viva.grader.service;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.viva.grader.config.ReviewConfig;
import dev.viva.grader.domain.Answer;
import dev.viva.grader.domain.Review;
import dev.viva.grader.repository.ReviewRepository;

/**
 * The team's reviewed answers as a labeled set (the calibration harness's input format): each answer's
 * text with its grade of record, so interviewers' corrections become the team's own test set.
 */
@ApplicationScoped
public class ReviewExportService {

    /** {@code {name, scale: {min, max}, items: [{questionId, rubricVersion, text, score, label, note}]}}. */
    public record LabeledSet(String name, Scale scale, List<Item> items) {
    }

    public record Scale(int min, int max) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String questionId, Integer rubricVersion, String text, int score, String label, String note) {
    }

    private final EntityManager em;
    private final ReviewRepository reviews;
    private final ReviewConfig config;

    public ReviewExportService(EntityManager em, ReviewRepository reviews, ReviewConfig config) {
        this.em = em;
        this.reviews = reviews;
        this.config = config;
    }

    @Transactional
    public LabeledSet export(String team, String name) {
        List<Review> latest = reviews.latestPerAnswer(team);
        Map<UUID, String> texts = new HashMap<>();
        if (!latest.isEmpty()) {
            em.createQuery("FROM Answer a WHERE a.answerId IN :ids", Answer.class)
                    .setParameter("ids", latest.stream().map(r -> r.answerId).toList())
                    .getResultList().forEach(a -> texts.put(a.answerId, a.answerText));
        }
        List<Item> items = latest.stream()
                .sorted(java.util.Comparator.comparing((Review r) -> r.questionId).thenComparingInt(r -> r.rubricVersion)
                        .thenComparing(r -> r.createdAt))
                .map(r -> new Item(r.questionId, r.rubricVersion, texts.get(r.answerId), r.score, label(r.score), note(r)))
                .toList();
        String set = name == null || name.isBlank()
                ? "reviews-" + team + "-" + LocalDate.now(ZoneOffset.UTC)
                : name.strip();
        return new LabeledSet(set, new Scale(0, 100), items);
    }

    /** strong at or above the highest decision boundary, partial at or above the lowest, wrong below it. */
    String label(int score) {
        List<Integer> b = config.boundaries().stream().sorted().toList();
        if (b.isEmpty()) {
            return null;
        }
        return score >= b.get(b.size() - 1) ? "strong" : score >= b.get(0) ? "partial" : "wrong";
    }

    private static String note(Review r) {
        StringBuilder s = new StringBuilder();
        s.append(r.action == dev.viva.grader.domain.ReviewAction.ACCEPT ? "accepted" : "overridden").append(" by ")
                .append(r.reviewer).append(" on ").append(r.createdAt.toLocalDate());
        if (r.machineScore != null && r.machineScore != r.score) {
            s.append(" (machine score ").append(r.machineScore).append(')');
        }
        if (r.reason != null) {
            s.append(": ").append(r.reason);
        }
        return s.toString();
    }
}
