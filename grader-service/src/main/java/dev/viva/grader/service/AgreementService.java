package dev.viva.grader.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.viva.grader.domain.Evaluation;
import dev.viva.grader.domain.Review;
import dev.viva.grader.domain.ReviewAction;
import dev.viva.grader.domain.ReviewedGrade;
import dev.viva.grader.repository.ReviewRepository;

/**
 * How often the team's interviewers agree with the machine: for every reviewed answer, its grade of
 * record (latest review) against the machine evaluation that review judged; per question and rubric
 * version, per grader, model and prompt version, and for the whole team.
 */
@ApplicationScoped
public class AgreementService {

    /** The figures of one group of reviewed answers; a figure is null when it is undefined for the group. */
    public record Figures(int reviewed, int accepted, int overridden, int keyPointVerdicts, Double keyPointsKept,
            int criterionLevels, Double criteriaKept, int scoredPairs, Double spearman, Double quadraticWeightedKappa,
            Double meanSignedDifference, String tendency) {
    }

    public record QuestionAgreement(String questionId, int rubricVersion, Figures figures) {
    }

    public record GraderAgreement(String grader, String model, String promptVersion, OffsetDateTime firstGradedAt,
            Figures figures) {
    }

    /** A newer model or prompt version of a grader that agrees with reviewers less than the one before it. */
    public record Regression(String grader, String previousModel, String previousPromptVersion, String model,
            String promptVersion, String metric, double previous, double current) {
    }

    public record Report(String team, Figures summary, List<QuestionAgreement> questions, List<GraderAgreement> graders,
            List<Regression> regressions) {
    }

    record Reviewed(Review review, Evaluation machine) {
    }

    private final EntityManager em;
    private final ReviewRepository reviews;

    public AgreementService(EntityManager em, ReviewRepository reviews) {
        this.em = em;
        this.reviews = reviews;
    }

    @Transactional
    public Report report(String team) {
        List<Review> latest = reviews.latestPerAnswer(team);
        Map<UUID, Evaluation> machines = new HashMap<>();
        if (!latest.isEmpty()) {
            em.createQuery("FROM Evaluation e WHERE e.id IN :ids", Evaluation.class)
                    .setParameter("ids", latest.stream().map(r -> r.evaluationId).toList())
                    .getResultList().forEach(e -> machines.put(e.id, e));
        }
        List<Reviewed> all = latest.stream().map(r -> new Reviewed(r, machines.get(r.evaluationId))).toList();

        Map<String, List<Reviewed>> byQuestion = group(all, r -> r.machine().questionId + "\u0000" + r.machine().rubricVersion);
        List<QuestionAgreement> questions = byQuestion.values().stream()
                .map(g -> new QuestionAgreement(g.get(0).machine().questionId, g.get(0).machine().rubricVersion, figures(g)))
                .sorted(Comparator.comparing(QuestionAgreement::questionId).thenComparingInt(QuestionAgreement::rubricVersion))
                .toList();

        Map<String, OffsetDateTime> firstSeen = new HashMap<>();
        for (Object[] row : em.createQuery("""
                SELECT e.grader, e.model, e.promptVersion, min(e.createdAt) FROM Evaluation e WHERE e.team = :team
                GROUP BY e.grader, e.model, e.promptVersion
                """, Object[].class).setParameter("team", team).getResultList()) {
            firstSeen.put(row[0] + "\u0000" + row[1] + "\u0000" + row[2], (OffsetDateTime) row[3]);
        }
        Map<String, List<Reviewed>> byGrader = group(all, r -> r.machine().grader + "\u0000" + r.machine().model + "\u0000" + r.machine().promptVersion);
        List<GraderAgreement> graders = byGrader.entrySet().stream()
                .map(en -> {
                    Evaluation e = en.getValue().get(0).machine();
                    return new GraderAgreement(e.grader, e.model, e.promptVersion, firstSeen.get(en.getKey()), figures(en.getValue()));
                })
                .sorted(Comparator.comparing(GraderAgreement::grader).thenComparing(GraderAgreement::firstGradedAt,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new Report(team, figures(all), questions, graders, regressions(graders));
    }

    /** Per grader kind, each model or prompt version against the one that came before it. */
    static List<Regression> regressions(List<GraderAgreement> graders) {
        List<Regression> out = new ArrayList<>();
        for (int i = 1; i < graders.size(); i++) {
            GraderAgreement prev = graders.get(i - 1);
            GraderAgreement cur = graders.get(i);
            if (!prev.grader().equals(cur.grader())) {
                continue;
            }
            Figures p = prev.figures();
            Figures c = cur.figures();
            String metric = null;
            Double before = null;
            Double after = null;
            if (p.quadraticWeightedKappa() != null && c.quadraticWeightedKappa() != null) {
                metric = "quadraticWeightedKappa";
                before = p.quadraticWeightedKappa();
                after = c.quadraticWeightedKappa();
            } else if (p.keyPointsKept() != null && c.keyPointsKept() != null) {
                metric = "keyPointsKept";
                before = p.keyPointsKept();
                after = c.keyPointsKept();
            }
            if (metric != null && after < before) {
                out.add(new Regression(cur.grader(), prev.model(), prev.promptVersion(), cur.model(), cur.promptVersion(),
                        metric, before, after));
            }
        }
        return out;
    }

    static Figures figures(List<Reviewed> group) {
        int accepted = (int) group.stream().filter(r -> r.review().action == ReviewAction.ACCEPT).count();
        int kp = 0;
        int kpKept = 0;
        int cr = 0;
        int crKept = 0;
        List<Agreement.Pair> pairs = new ArrayList<>();
        for (Reviewed r : group) {
            if (r.review().machineScore == null) {
                continue; // a FAILED grading has no machine verdicts to keep or change
            }
            for (ReviewedGrade.KeyPoint k : JsonText.list(r.review().keyPoints, ReviewedGrade.KeyPoint[].class)) {
                kp++;
                kpKept += k.machine() == k.status() ? 1 : 0;
            }
            for (ReviewedGrade.Criterion c : JsonText.list(r.review().criteria, ReviewedGrade.Criterion[].class)) {
                cr++;
                crKept += c.machine() != null && c.machine() == c.level() ? 1 : 0;
            }
            pairs.add(new Agreement.Pair(r.review().machineScore, r.review().score));
        }
        Double msd = Agreement.meanSignedDifference(pairs);
        String tendency = msd == null ? null : msd > 2 ? "lenient" : msd < -2 ? "harsh" : "even";
        return new Figures(group.size(), accepted, group.size() - accepted, kp, kp == 0 ? null : (double) kpKept / kp,
                cr, cr == 0 ? null : (double) crKept / cr, pairs.size(), Agreement.spearman(pairs),
                Agreement.quadraticWeightedKappa(pairs), msd, tendency);
    }

    private static Map<String, List<Reviewed>> group(List<Reviewed> all, Function<Reviewed, String> key) {
        Map<String, List<Reviewed>> groups = new LinkedHashMap<>();
        all.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return groups;
    }
}
