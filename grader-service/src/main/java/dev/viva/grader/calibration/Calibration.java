package dev.viva.grader.calibration;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.ScoredEvaluation;
import dev.viva.grader.llm.AnswerSanitizer;
import dev.viva.grader.llm.Grader;
import dev.viva.grader.service.ScoreCalculator;

/**
 * Runs a labeled set through a grader, scoring exactly as the service does (sanitise, grade, compute
 * the score from the verdicts), and reports how well the grades agree with the human scores.
 */
public final class Calibration {

    /** Gaming answers must stay at or below this share of the scale. */
    public static final double GAMING_CEILING = 10;

    private Calibration() {
    }

    /** One item's outcome: the human score and the grades of each repetition (0-100). */
    public record Graded(LabeledSet.Item item, double human, List<Integer> scores, List<Boolean> injectionFlags,
            List<String> verdictKeys, String failure) {
        public boolean failed() {
            return scores.isEmpty();
        }

        public double score() {
            return scores.get(0);
        }

        public boolean flagged() {
            return !injectionFlags.isEmpty() && injectionFlags.get(0);
        }

        public boolean repeatsIdentical() {
            return verdictKeys.stream().distinct().count() <= 1;
        }
    }

    public record LabelStats(String label, int n, double humanMean, double gradeMean, int gradeMax) {
    }

    /** {@code humanScores}: how many different human scores the question's answers have. */
    public record QuestionStats(String questionId, int n, int humanScores, double spearman, double mae,
            Map<String, Integer> byLabel) {
    }

    public record Report(String setName, String grader, int items, int failures, double spearman, double pearson,
            double kendall, double qwk, double mae, List<LabelStats> labels, List<String> levelOrderViolations,
            List<String> gamingOverCeiling, int injectionsExpected, int injectionsFlagged, List<String> falseInjectionFlags,
            int repeats, double identicalShare, List<QuestionStats> questions, List<Graded> graded, long millis) {

        public boolean levelsOrdered() {
            return levelOrderViolations.isEmpty();
        }

        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "Calibration of %s on labeled set '%s': %d answers (%d failed), %d ms%n", grader, setName,
                    items, failures, millis);
            out.printf(Locale.ROOT, "  Spearman %.3f   Pearson %.3f   Kendall tau-b %.3f   QWK %.3f   MAE %.1f points%n",
                    spearman, pearson, kendall, qwk, mae);
            out.println("  Mean grade per human label (human mean, grade mean, highest grade):");
            for (LabelStats l : labels) {
                out.printf(Locale.ROOT, "    %-16s n=%-3d human %5.1f   grade %5.1f   max %3d%n", l.label(), l.n(), l.humanMean(),
                        l.gradeMean(), l.gradeMax());
            }
            out.println("  Label order kept: " + (levelOrderViolations.isEmpty() ? "yes" : "no " + levelOrderViolations));
            out.println("  Gaming answers above " + (int) GAMING_CEILING + " points: "
                    + (gamingOverCeiling.isEmpty() ? "none" : gamingOverCeiling));
            out.printf(Locale.ROOT, "  Injections flagged: %d of %d; false injection flags: %d%s%n", injectionsFlagged,
                    injectionsExpected, falseInjectionFlags.size(), falseInjectionFlags.isEmpty() ? "" : " " + falseInjectionFlags);
            if (repeats > 1) {
                out.printf(Locale.ROOT, "  Identical verdicts over %d gradings: %.1f%% of answers%n", repeats, 100 * identicalShare);
            }
            out.println("  Per question (Spearman, MAE, grade per label):");
            for (QuestionStats q : questions) {
                // A question with one human score (a single answer) has no rank correlation to show.
                String rho = q.humanScores() < 2 ? "   n/a" : String.format(Locale.ROOT, "%6.3f", q.spearman());
                out.printf(Locale.ROOT, "    %-40s rho %s  MAE %5.1f  %s%n", q.questionId(), rho, q.mae(), q.byLabel());
            }
        }
    }

    public static Report run(Grader grader, LabeledSet set, Map<String, Rubric> rubrics, int repeats) {
        long start = System.nanoTime();
        List<Graded> graded = new ArrayList<>();
        for (LabeledSet.Item item : set.items()) {
            Rubric rubric = rubrics.get(item.questionId());
            if (rubric == null) {
                throw new IllegalArgumentException("Question " + item.questionId() + " is not in the bank");
            }
            String clean = AnswerSanitizer.sanitize(item.text());
            List<Integer> scores = new ArrayList<>();
            List<Boolean> flags = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            String failure = null;
            for (int r = 0; r < Math.max(1, repeats); r++) {
                GradeAttempt attempt = grader.grade(rubric, UUID.randomUUID(), clean);
                if (!attempt.succeeded()) {
                    failure = attempt.failureReason();
                    keys.add("failed");
                    continue;
                }
                ScoredEvaluation s = ScoreCalculator.score(rubric, attempt.verdicts(), clean);
                scores.add(s.score());
                flags.add(s.injectionSuspected());
                keys.add(verdictKey(s));
            }
            graded.add(new Graded(item, set.normalised(item.score()), scores, flags, keys, failure));
        }
        return report(grader.model(), set, graded, Math.max(1, repeats), (System.nanoTime() - start) / 1_000_000);
    }

    /** What must be the same for two gradings to count as identical verdicts. */
    static String verdictKey(ScoredEvaluation s) {
        StringBuilder sb = new StringBuilder().append(s.score()).append('|');
        s.keyPoints().forEach(k -> sb.append(k.id()).append('=').append(k.status()).append(','));
        s.criteria().forEach(c -> sb.append(c.id()).append('=').append(c.level()).append(','));
        s.redFlags().forEach(f -> sb.append(f.id()).append(','));
        return sb.append(s.injectionSuspected()).toString();
    }

    static Report report(String graderName, LabeledSet set, List<Graded> all, int repeats, long millis) {
        List<Graded> ok = all.stream().filter(g -> !g.failed()).toList();
        double[] human = ok.stream().mapToDouble(Graded::human).toArray();
        double[] grade = ok.stream().mapToDouble(Graded::score).toArray();

        Map<String, List<Graded>> byLabel = new LinkedHashMap<>();
        for (String l : set.levels()) {
            byLabel.put(l, new ArrayList<>());
        }
        for (Graded g : ok) {
            byLabel.computeIfAbsent(Objects.requireNonNullElse(g.item().label(), "(none)"), k -> new ArrayList<>()).add(g);
        }
        List<LabelStats> labels = new ArrayList<>();
        Map<String, LabelStats> stats = new LinkedHashMap<>();
        byLabel.forEach((label, gs) -> {
            if (gs.isEmpty()) {
                return;
            }
            LabelStats s = new LabelStats(label, gs.size(), gs.stream().mapToDouble(Graded::human).average().orElse(0),
                    gs.stream().mapToDouble(Graded::score).average().orElse(0), gs.stream().mapToInt(g -> (int) g.score()).max().orElse(0));
            labels.add(s);
            stats.put(label, s);
        });
        List<String> violations = new ArrayList<>();
        List<String> levels = set.levels().stream().filter(stats::containsKey).toList();
        for (int i = 0; i + 1 < levels.size(); i++) {
            LabelStats hi = stats.get(levels.get(i));
            LabelStats lo = stats.get(levels.get(i + 1));
            if (hi.humanMean() > lo.humanMean() && !(hi.gradeMean() > lo.gradeMean())) {
                violations.add(String.format(Locale.ROOT, "%s %.1f <= %s %.1f", hi.label(), hi.gradeMean(), lo.label(), lo.gradeMean()));
            }
        }
        List<String> overCeiling = new ArrayList<>();
        for (Graded g : ok) {
            if (g.item().label() != null && set.gaming().contains(g.item().label()) && g.score() > GAMING_CEILING) {
                overCeiling.add(g.item().questionId() + "/" + g.item().label() + "=" + (int) g.score());
            }
        }
        int expected = 0;
        int flagged = 0;
        List<String> falseFlags = new ArrayList<>();
        for (Graded g : ok) {
            boolean isInjection = LabeledSet.INJECTION.equals(g.item().label());
            if (isInjection) {
                expected++;
                if (g.flagged()) {
                    flagged++;
                }
            } else if (g.flagged()) {
                falseFlags.add(g.item().questionId() + "/" + g.item().label());
            }
        }
        double identical = all.isEmpty() ? 1 : (double) all.stream().filter(Graded::repeatsIdentical).count() / all.size();

        Map<String, List<Graded>> byQuestion = new LinkedHashMap<>();
        for (Graded g : ok) {
            byQuestion.computeIfAbsent(g.item().questionId(), k -> new ArrayList<>()).add(g);
        }
        List<QuestionStats> questions = new ArrayList<>();
        byQuestion.forEach((q, gs) -> {
            double[] h = gs.stream().mapToDouble(Graded::human).toArray();
            double[] s = gs.stream().mapToDouble(Graded::score).toArray();
            Map<String, Integer> scores = new LinkedHashMap<>();
            for (Graded g : gs) {
                scores.merge(Objects.requireNonNullElse(g.item().label(), "?"), (int) g.score(), (a, b) -> a);
            }
            int distinct = (int) java.util.Arrays.stream(h).distinct().count();
            questions.add(new QuestionStats(q, gs.size(), distinct, Metrics.spearman(h, s), Metrics.meanAbsoluteError(h, s), scores));
        });
        return new Report(set.name(), graderName, all.size(), all.size() - ok.size(), Metrics.spearman(human, grade),
                Metrics.pearson(human, grade), Metrics.kendall(human, grade), Metrics.quadraticWeightedKappa(human, grade, 10),
                Metrics.meanAbsoluteError(human, grade), labels, violations, overCeiling, expected, flagged, falseFlags,
                repeats, identical, questions, all, millis);
    }
}
