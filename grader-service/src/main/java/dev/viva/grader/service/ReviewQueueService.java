package dev.viva.grader.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.viva.grader.config.ReviewConfig;
import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.domain.EvaluationStatus;
import dev.viva.grader.domain.Review;
import dev.viva.grader.domain.SampleAgreement;
import dev.viva.grader.domain.ScoredEvaluation;
import dev.viva.grader.domain.SecondOpinion;
import dev.viva.grader.domain.Verdict;
import dev.viva.grader.repository.AnswerRepository;
import dev.viva.grader.repository.EvaluationRepository;
import dev.viva.grader.repository.ReviewRepository;

/**
 * The team's grades that most need a person, ordered by need. Each reason adds its weight to an item's
 * priority. A reviewed answer leaves the queue (its grade of record is a person's); it comes back only when
 * the machine regrades it afterwards and disagrees with the review, so a regrade never goes unnoticed.
 * A superseded answer (the candidate answered the same question of the session again later) is never in
 * the queue: only the candidate's last answer counts in their report.
 */
@ApplicationScoped
public class ReviewQueueService {

    /** Why a grade needs a look, most serious first; {@code weight} orders the queue. */
    public enum Code {
        FAILED(100), INJECTION_SUSPECTED(80), GRADER_DISAGREEMENT(60), REGRADE_DIFFERS_FROM_REVIEW(55), RED_FLAG(50),
        SAMPLES_DISAGREE(45), EVIDENCE_REJECTED(40), LOW_CONFIDENCE(30), NEAR_BOUNDARY(20);

        final int weight;

        Code(int weight) {
            this.weight = weight;
        }
    }

    public record Reason(Code code, String detail) {
    }

    public record Item(UUID answerId, UUID evaluationId, UUID sessionId, String questionId, int rubricVersion,
            String candidate, Integer score, String status, String grader, String model, String promptVersion,
            Double confidence, OffsetDateTime gradedAt, int priority, List<Reason> reasons) {
    }

    public record Queue(int total, List<Item> items) {
    }

    private final EvaluationRepository evaluations;
    private final AnswerRepository answers;
    private final ReviewRepository reviews;
    private final ReviewConfig config;

    public ReviewQueueService(EvaluationRepository evaluations, AnswerRepository answers, ReviewRepository reviews,
            ReviewConfig config) {
        this.evaluations = evaluations;
        this.answers = answers;
        this.reviews = reviews;
        this.config = config;
    }

    @Transactional
    public Queue queue(String team, Integer limit) {
        List<Evaluation> current = evaluations.unreviewedCurrent(team);
        if (current.isEmpty()) {
            return new Queue(0, List.of());
        }
        List<UUID> ids = current.stream().map(e -> e.answerId).toList();
        Map<UUID, String> candidates = answers.candidates(team, ids);
        // Earlier gradings of the same answers, for disagreement between graders (a team running both, or a
        // regrade with another model).
        Map<UUID, List<Evaluation>> all = evaluations.gradedMoreThanOnce(team, ids).stream()
                .collect(Collectors.groupingBy(e -> e.answerId));
        // Reviews of earlier evaluations of these answers (the machine has regraded them since).
        Map<UUID, Review> reviewed = new HashMap<>();
        for (Review r : reviews.forAnswers(team, ids)) {
            reviewed.merge(r.answerId, r, (x, y) -> x.revision >= y.revision ? x : y);
        }

        List<Item> items = new ArrayList<>();
        for (Evaluation e : current) {
            Review review = reviewed.get(e.answerId);
            List<Reason> reasons = review != null ? afterReview(e, review) : reasons(e, all.getOrDefault(e.answerId, List.of()));
            if (reasons.isEmpty()) {
                continue;
            }
            int priority = reasons.stream().mapToInt(r -> r.code().weight).sum();
            items.add(new Item(e.answerId, e.id, e.sessionId, e.questionId, e.rubricVersion, candidates.get(e.answerId),
                    e.score, e.status.name(), e.grader, e.model, e.promptVersion, e.confidence, e.createdAt, priority, reasons));
        }
        // Most need first; among equals the one waiting longest.
        items.sort(Comparator.comparingInt(Item::priority).reversed().thenComparing(Item::gradedAt).thenComparing(Item::answerId));
        int n = limit == null ? config.queueLimit() : limit;
        return new Queue(items.size(), List.copyOf(items.subList(0, Math.min(n, items.size()))));
    }

    /** A regrade after a review needs a look only when it disagrees with the review. */
    List<Reason> afterReview(Evaluation e, Review review) {
        boolean differs = e.score == null || Math.abs(e.score - review.score) >= config.graderDisagreement();
        return differs ? List.of(new Reason(Code.REGRADE_DIFFERS_FROM_REVIEW, "regraded after " + review.reviewer
                + "'s review: the machine now gives " + (e.score == null ? e.status : e.score) + ", the review gave "
                + review.score + " (the review stays the grade of record)")) : List.of();
    }

    List<Reason> reasons(Evaluation e, List<Evaluation> gradings) {
        List<Reason> reasons = new ArrayList<>();
        if (e.status == EvaluationStatus.FAILED) {
            reasons.add(new Reason(Code.FAILED, "grading failed: " + e.failureReason));
            return reasons;
        }
        if (e.injectionSuspected) {
            reasons.add(new Reason(Code.INJECTION_SUSPECTED, "the answer seems to instruct the grader"
                    + (e.injectionEvidence == null ? "" : ": \"" + abbreviate(e.injectionEvidence, 120) + "\"")));
        }
        for (Evaluation other : gradings) {
            if (!other.id.equals(e.id) && other.score != null && e.score != null
                    && !(other.grader + other.model).equals(e.grader + e.model)
                    && Math.abs(other.score - e.score) >= config.graderDisagreement()) {
                reasons.add(new Reason(Code.GRADER_DISAGREEMENT, e.grader + " " + e.model + " gave " + e.score + ", "
                        + other.grader + " " + other.model + " gave " + other.score));
                break;
            }
        }
        if (reasons.stream().noneMatch(r -> r.code() == Code.GRADER_DISAGREEMENT)) {
            secondOpinionDisagrees(e).ifPresent(reasons::add);
        }
        samplesDisagree(e).ifPresent(reasons::add);
        List<ScoredEvaluation.RedFlagHit> flags = JsonText.list(e.redFlags, ScoredEvaluation.RedFlagHit[].class);
        if (!flags.isEmpty()) {
            reasons.add(new Reason(Code.RED_FLAG, flags.size() + " red flag" + (flags.size() == 1 ? "" : "s") + " hit: "
                    + flags.stream().map(ScoredEvaluation.RedFlagHit::id).collect(Collectors.joining(", "))));
        }
        List<String> rejected = JsonText.list(e.keyPoints, ScoredEvaluation.KeyPointResult[].class).stream()
                .filter(k -> k.claimed() != null && k.claimed() != Verdict.MISSING && k.status() == Verdict.MISSING)
                .map(ScoredEvaluation.KeyPointResult::id).toList();
        if (!rejected.isEmpty()) {
            reasons.add(new Reason(Code.EVIDENCE_REJECTED, "the grader's quotes were not found in the answer for "
                    + String.join(", ", rejected) + ", so they count as missing"));
        }
        if (e.confidence != null && e.confidence < config.lowConfidence()) {
            reasons.add(new Reason(Code.LOW_CONFIDENCE, String.format(java.util.Locale.ROOT,
                    "grader confidence %.2f is below %.2f", e.confidence, config.lowConfidence())));
        }
        if (e.score != null) {
            for (int boundary : config.boundaries()) {
                if (Math.abs(e.score - boundary) <= config.boundaryMargin()) {
                    reasons.add(new Reason(Code.NEAR_BOUNDARY, "score " + e.score + " is within " + config.boundaryMargin()
                            + " of the boundary " + boundary));
                    break;
                }
            }
        }
        return reasons;
    }

    /**
     * The second grader ({@code viva.grader.second-opinion}) whose score is at least {@code grader-disagreement}
     * points from the primary's, or whose key point verdicts differ on a share above
     * {@code second-opinion-disagreement}.
     */
    java.util.Optional<Reason> secondOpinionDisagrees(Evaluation e) {
        SecondOpinion o = JsonText.value(e.secondOpinion, SecondOpinion.class);
        if (o == null || o.score() == null || e.score == null) {
            return java.util.Optional.empty();
        }
        boolean apart = Math.abs(o.score() - e.score) >= config.graderDisagreement();
        boolean split = o.keyPoints() > 0 && o.disagreement() > config.secondOpinionDisagreement();
        if (!apart && !split) {
            return java.util.Optional.empty();
        }
        List<String> differ = o.verdicts().stream().filter(SecondOpinion.KeyPoint::differs).map(SecondOpinion.KeyPoint::id).toList();
        return java.util.Optional.of(new Reason(Code.GRADER_DISAGREEMENT, e.grader + " " + e.model + " gave " + e.score
                + ", the " + o.grader() + " grader " + o.score() + "; they differ on " + differ.size() + " of " + o.keyPoints()
                + " key point verdicts" + (differ.isEmpty() ? "" : " (" + String.join(", ", differ) + ")")
                + "; the grade of record is " + e.grader + "'s"));
    }

    /** Several samples of the LLM that split on enough verdicts and levels, or on the score. */
    java.util.Optional<Reason> samplesDisagree(Evaluation e) {
        SampleAgreement a = JsonText.value(e.samples, SampleAgreement.class);
        if (a == null || a.graded() < 2) {
            return java.util.Optional.empty();
        }
        boolean split = a.disagreement() > 0 && a.disagreement() >= config.sampleDisagreement();
        boolean spread = a.scoreSpread() != null && a.scoreSpread() >= config.graderDisagreement();
        if (!split && !spread) {
            return java.util.Optional.empty();
        }
        int items = a.keyPoints() + a.criteria();
        String which = a.splits().stream().map(SampleAgreement.Split::id).collect(Collectors.joining(", "));
        int low = a.scores().stream().mapToInt(Integer::intValue).min().getAsInt();
        int high = a.scores().stream().mapToInt(Integer::intValue).max().getAsInt();
        return java.util.Optional.of(new Reason(Code.SAMPLES_DISAGREE, a.graded() + " samples of " + e.model + " disagree on "
                + (a.keyPointsSplit() + a.criteriaSplit()) + " of " + items + " key point verdicts and criterion levels"
                + (which.isEmpty() ? "" : " (" + which + ")") + "; their scores range " + low + "\u2013" + high
                + "; the grade combines them"));
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "\u2026";
    }
}
