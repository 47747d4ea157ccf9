package dev.viva.grader.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.viva.grader.client.RubricClient;
import dev.viva.grader.client.RubricUnavailableException;
import dev.viva.grader.config.OutboxConfig;
import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.domain.EvaluationStatus;
import dev.viva.grader.domain.GradingVerdicts;
import dev.viva.grader.domain.OutboxMessage;
import dev.viva.grader.domain.Review;
import dev.viva.grader.domain.ReviewAction;
import dev.viva.grader.domain.ReviewedGrade;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.ScoredEvaluation;
import dev.viva.grader.domain.Verdict;
import dev.viva.grader.event.AnswerGraded;
import dev.viva.grader.repository.AnswerRepository;
import dev.viva.grader.repository.EvaluationRepository;
import dev.viva.grader.repository.OutboxRepository;
import dev.viva.grader.repository.ReviewRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Interviewers' reviews. A review accepts the answer's current machine evaluation or overrides some of
 * its verdicts; the score is recomputed by {@link ScoreCalculator}, the evaluation is left as it is, and
 * the review, stored with its outbox row in one transaction, becomes the answer's grade of record.
 * Bad input stores nothing. No transaction is open while question-service is asked for the rubric.
 */
@ApplicationScoped
public class ReviewService {

    private static final Logger LOG = Logger.getLogger(ReviewService.class);

    /** What the reviewer decided; keys are the rubric's ids, in the order given. */
    public record Decision(ReviewAction action, Map<String, Verdict> keyPoints, Map<String, Integer> criteria,
            List<String> redFlags, String comment, String reason) {
    }

    /** A stored review and the grade of record it made. */
    public record Outcome(Review review, ReviewedGrade grade) {
    }

    private final EvaluationRepository evaluations;
    private final ReviewRepository reviews;
    private final AnswerRepository answers;
    private final OutboxRepository outbox;
    private final RubricClient rubrics;
    private final EvaluationFactory factory;
    private final OutboxConfig outboxConfig;

    public ReviewService(EvaluationRepository evaluations, ReviewRepository reviews, AnswerRepository answers,
            OutboxRepository outbox, RubricClient rubrics, EvaluationFactory factory, OutboxConfig outboxConfig) {
        this.outboxConfig = outboxConfig;
        this.evaluations = evaluations;
        this.reviews = reviews;
        this.answers = answers;
        this.outbox = outbox;
        this.rubrics = rubrics;
        this.factory = factory;
    }

    public Outcome review(String team, String reviewer, UUID answerId, Decision decision) {
        record Base(Evaluation machine, Optional<Review> previous) {
        }
        Base base = QuarkusTransaction.requiringNew().call(() -> {
            Evaluation current = evaluations.current(answerId).filter(e -> e.team.equals(team))
                    .orElseThrow(() -> ServiceException.notFound("No evaluation for answer " + answerId + " in your team"));
            // A later review builds on an earlier one of the same evaluation; after a regrade it starts afresh.
            return new Base(current, reviews.latest(answerId).filter(r -> r.evaluationId.equals(current.id)));
        });
        Evaluation machine = base.machine();
        Rubric rubric;
        try {
            rubric = rubrics.rubric(machine.questionId, machine.rubricVersion, team);
        } catch (RubricUnavailableException e) {
            throw ServiceException.unavailable("The rubric of this answer cannot be read now; try again shortly", 5);
        }
        ReviewedGrade grade = grade(machine, base.previous().orElse(null), rubric, decision);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Review stored = QuarkusTransaction.requiringNew().call(() -> {
            int revision = answers.nextRevision(answerId); // locks the answer's revision: reviews and regrades queue here
            UUID currentId = evaluations.current(answerId).map(e -> e.id).orElse(null);
            if (!machine.id.equals(currentId)) {
                throw ServiceException.conflict("The answer was re-graded while you reviewed it; review the new evaluation");
            }
            Review r = new Review();
            r.id = UUID.randomUUID();
            r.answerId = answerId;
            r.evaluationId = machine.id;
            r.sessionId = machine.sessionId;
            r.team = team;
            r.questionId = machine.questionId;
            r.rubricVersion = machine.rubricVersion;
            r.reviewer = reviewer;
            r.action = decision.action();
            r.score = grade.score();
            r.machineScore = machine.score;
            r.keyPoints = factory.json(grade.keyPoints());
            r.criteria = factory.json(grade.criteria());
            r.redFlags = factory.json(grade.redFlags());
            r.changes = factory.json(grade.changes());
            r.comment = blankToNull(decision.comment());
            r.reason = blankToNull(decision.reason());
            r.revision = revision;
            r.createdAt = now;
            reviews.persist(r);
            AnswerGraded event = event(r, machine, grade, rubric);
            OutboxMessage m = OutboxMessage.of(event.eventId(), AnswerGraded.TYPE, outboxConfig.topic(),
                    machine.sessionId.toString(), factory.json(event), now.toInstant());
            m.evaluationId = machine.id;
            outbox.add(m);
            return r;
        });
        LOG.infof("Answer %s reviewed by %s: %s, score %s -> %d (revision %d, %d changes)", answerId, reviewer,
                decision.action(), machine.score, grade.score(), stored.revision, grade.changes().size());
        return new Outcome(stored, grade);
    }

    /** The verdicts that stand after the decision, checked against the rubric, with their score. */
    static ReviewedGrade grade(Evaluation machine, Review previous, Rubric rubric, Decision d) {
        boolean failed = machine.status == EvaluationStatus.FAILED;
        Map<String, Verdict> machineKp = new LinkedHashMap<>();
        Map<String, Integer> machineLevels = new LinkedHashMap<>();
        Set<String> machineFlags = new LinkedHashSet<>();
        if (!failed) {
            for (ScoredEvaluation.KeyPointResult k : JsonText.list(machine.keyPoints, ScoredEvaluation.KeyPointResult[].class)) {
                machineKp.put(k.id(), k.status());
            }
            for (ScoredEvaluation.CriterionResult c : JsonText.list(machine.criteria, ScoredEvaluation.CriterionResult[].class)) {
                machineLevels.put(c.id(), c.level());
            }
            for (ScoredEvaluation.RedFlagHit f : JsonText.list(machine.redFlags, ScoredEvaluation.RedFlagHit[].class)) {
                machineFlags.add(f.id());
            }
        }
        // What the decision starts from: the previous review of this evaluation, else the machine's verdicts.
        Map<String, Verdict> baseKp = new LinkedHashMap<>(machineKp);
        Map<String, Integer> baseLevels = new LinkedHashMap<>(machineLevels);
        Set<String> baseFlags = new LinkedHashSet<>(machineFlags);
        // An acceptance is of the machine's evaluation as it stands, whatever an earlier review changed.
        if (previous != null && d.action() == ReviewAction.OVERRIDE) {
            JsonText.list(previous.keyPoints, ReviewedGrade.KeyPoint[].class).forEach(k -> baseKp.put(k.id(), k.status()));
            JsonText.list(previous.criteria, ReviewedGrade.Criterion[].class).forEach(c -> baseLevels.put(c.id(), c.level()));
            baseFlags.clear();
            JsonText.list(previous.redFlags, ScoredEvaluation.RedFlagHit[].class).forEach(f -> baseFlags.add(f.id()));
        }

        String rubricName = "rubric " + rubric.questionId() + " version " + rubric.version();
        Map<String, Rubric.KeyPoint> kps = new LinkedHashMap<>();
        rubric.keyPoints().forEach(k -> kps.put(k.id(), k));
        Map<String, Rubric.Criterion> crs = new LinkedHashMap<>();
        rubric.criteria().forEach(c -> crs.put(c.id(), c));
        Set<String> flagIds = new LinkedHashSet<>();
        rubric.redFlags().forEach(f -> flagIds.add(f.id()));

        if (d.action() == ReviewAction.ACCEPT) {
            if (!d.keyPoints().isEmpty() || !d.criteria().isEmpty() || (d.redFlags() != null && !d.redFlags().isEmpty())) {
                throw ServiceException.invalid("action", "ACCEPT keeps the machine's verdicts; send OVERRIDE to change key points, criteria or red flags");
            }
            if (failed) {
                throw ServiceException.invalid("action", "This evaluation FAILED and has no verdicts to accept; send OVERRIDE with a status for every key point and a level for every criterion");
            }
        }
        int i = 0;
        for (String id : d.keyPoints().keySet()) {
            if (!kps.containsKey(id)) {
                throw ServiceException.invalid("keyPoints[" + i + "].id", rubricName + " has no key point '" + id + "'; it has " + kps.keySet());
            }
            i++;
        }
        i = 0;
        for (Map.Entry<String, Integer> c : d.criteria().entrySet()) {
            Rubric.Criterion criterion = crs.get(c.getKey());
            if (criterion == null) {
                throw ServiceException.invalid("criteria[" + i + "].id", rubricName + " has no criterion '" + c.getKey() + "'; it has " + crs.keySet());
            }
            if (c.getValue() < 0 || c.getValue() > criterion.maxLevel()) {
                throw ServiceException.invalid("criteria[" + i + "].level", "level of " + c.getKey() + " must be between 0 and "
                        + criterion.maxLevel() + ", was " + c.getValue());
            }
            i++;
        }
        if (d.redFlags() != null) {
            i = 0;
            for (String id : d.redFlags()) {
                if (!flagIds.contains(id)) {
                    throw ServiceException.invalid("redFlags[" + i + "]", rubricName + " has no red flag '" + id + "'; it has " + flagIds);
                }
                i++;
            }
        }
        if (failed) {
            List<String> missingKp = kps.keySet().stream().filter(id -> !d.keyPoints().containsKey(id)).toList();
            if (!missingKp.isEmpty()) {
                throw ServiceException.invalid("keyPoints", "This evaluation FAILED and has no machine verdicts: give a status for every key point (missing " + missingKp + ")");
            }
            List<String> missingCr = crs.keySet().stream().filter(id -> !d.criteria().containsKey(id)).toList();
            if (!missingCr.isEmpty()) {
                throw ServiceException.invalid("criteria", "This evaluation FAILED and has no machine levels: give a level for every criterion (missing " + missingCr + ")");
            }
        }

        List<ReviewedGrade.KeyPoint> keyPoints = new ArrayList<>();
        List<ReviewedGrade.Change> changes = new ArrayList<>();
        List<GradingVerdicts.KeyPointVerdict> kpVerdicts = new ArrayList<>();
        for (Rubric.KeyPoint k : rubric.keyPoints()) {
            Verdict status = d.keyPoints().getOrDefault(k.id(), baseKp.getOrDefault(k.id(), Verdict.MISSING));
            Verdict was = machineKp.get(k.id());
            keyPoints.add(new ReviewedGrade.KeyPoint(k.id(), k.text(), k.weight(), k.required(), was, status));
            kpVerdicts.add(new GradingVerdicts.KeyPointVerdict(k.id(), status, List.of()));
            if (was != status) {
                changes.add(new ReviewedGrade.Change("keyPoints." + k.id(), was == null ? null : was.name(), status.name()));
            }
        }
        List<ReviewedGrade.Criterion> criteria = new ArrayList<>();
        List<GradingVerdicts.CriterionVerdict> crVerdicts = new ArrayList<>();
        for (Rubric.Criterion c : rubric.criteria()) {
            int level = d.criteria().getOrDefault(c.id(), baseLevels.getOrDefault(c.id(), 0));
            Integer was = machineLevels.get(c.id());
            criteria.add(new ReviewedGrade.Criterion(c.id(), c.name(), c.weight(), c.maxLevel(), was, level));
            crVerdicts.add(new GradingVerdicts.CriterionVerdict(c.id(), level, null));
            if (was == null || was != level) {
                changes.add(new ReviewedGrade.Change("criteria." + c.id(), was == null ? null : was.toString(), Integer.toString(level)));
            }
        }
        Set<String> flags = d.redFlags() == null ? baseFlags : new LinkedHashSet<>(d.redFlags());
        for (String id : flagIds) {
            if (machineFlags.contains(id) != flags.contains(id)) {
                changes.add(new ReviewedGrade.Change("redFlags." + id, machineFlags.contains(id) ? "hit" : "not hit",
                        flags.contains(id) ? "hit" : "not hit"));
            }
        }
        // The reviewer read the answer: their verdicts need no quoted evidence, and the injection cap on
        // criteria (which guards against text steering the model) does not apply to a person's levels.
        ScoredEvaluation scored = ScoreCalculator.scoreReviewed(rubric, new GradingVerdicts(null, kpVerdicts, crVerdicts,
                List.copyOf(flags), false, null, List.of(), List.of()));
        int score = d.action() == ReviewAction.ACCEPT ? machine.score : scored.score();
        return new ReviewedGrade(score, keyPoints, criteria, scored.redFlags(), changes);
    }

    AnswerGraded event(Review r, Evaluation machine, ReviewedGrade grade, Rubric rubric) {
        return new AnswerGraded(AnswerGraded.SCHEMA_VERSION, UUID.randomUUID(), machine.id, machine.answerId,
                machine.sessionId, machine.team, machine.questionId, machine.rubricVersion, EvaluationStatus.GRADED.name(),
                grade.score(), machine.grader, machine.model,
                grade.criteria().stream().map(c -> new AnswerGraded.Criterion(c.id(), c.name(), c.level(), c.maxLevel())).toList(),
                grade.keyPoints().stream().map(k -> new AnswerGraded.KeyPoint(k.id(), k.text(), k.required(), k.status().name())).toList(),
                grade.redFlags().stream().map(ScoredEvaluation.RedFlagHit::text).toList(),
                machine.injectionSuspected, factory.read(machine.strengths, String[].class),
                factory.read(machine.improvements, String[].class), rubric.referenceAnswer(), null, r.createdAt,
                AnswerGraded.SOURCE_REVIEW,
                new AnswerGraded.ReviewNote(r.id, r.reviewer, r.createdAt, r.action.name(), r.machineScore, r.comment, r.reason),
                r.revision, null, rubric.followUps() == null ? List.of() : rubric.followUps());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
