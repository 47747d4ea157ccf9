package dev.viva.grader.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.viva.grader.domain.GradingVerdicts;
import dev.viva.grader.domain.GradingVerdicts.CriterionVerdict;
import dev.viva.grader.domain.GradingVerdicts.KeyPointVerdict;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.ScoredEvaluation;
import dev.viva.grader.domain.ScoredEvaluation.CriterionResult;
import dev.viva.grader.domain.ScoredEvaluation.Evidence;
import dev.viva.grader.domain.ScoredEvaluation.KeyPointResult;
import dev.viva.grader.domain.ScoredEvaluation.RedFlagHit;
import dev.viva.grader.domain.Verdict;
import dev.viva.grader.llm.local.Polarity;

/**
 * The score, computed here and never by the model (deploy/contracts/README.md, "Scoring"):
 * verified key point credit × weight (70 %), criteria level × weight (30 %), minus red flag
 * penalties, clamped to 0–100, capped at 60 when a required key point is missing. Evidence is
 * verified when it occurs in the answer and does not deny the key point it is quoted for.
 */
public final class ScoreCalculator {

    /** Shortest quote that can count as evidence; shorter ones prove nothing. */
    static final int MIN_QUOTE_LENGTH = 4;
    static final int REQUIRED_MISSING_CAP = 60;

    private ScoreCalculator() {
    }

    public static ScoredEvaluation score(Rubric rubric, GradingVerdicts verdicts, String answer) {
        return score(rubric, verdicts, answer, false);
    }

    /**
     * Scores verdicts a person gave (an interviewer's review): the same weights, caps and penalties, but
     * a verdict needs no quoted evidence, because the reviewer read the answer.
     */
    public static ScoredEvaluation scoreReviewed(Rubric rubric, GradingVerdicts verdicts) {
        return score(rubric, verdicts, "", true);
    }

    private static ScoredEvaluation score(Rubric rubric, GradingVerdicts verdicts, String answer, boolean trusted) {
        String injection = verdicts.injectionSuspected() ? TextNormalizer.normalize(verdicts.injectionEvidence()) : "";
        String normalizedAnswer = TextNormalizer.normalize(answer);
        // The injected text earns nothing: evidence is looked for only in the rest of the answer.
        String creditable = injection.length() >= MIN_QUOTE_LENGTH && normalizedAnswer.contains(injection)
                ? normalizedAnswer.replace(injection, " \u0000 ")
                : normalizedAnswer;

        Map<String, KeyPointVerdict> byId = new HashMap<>();
        for (KeyPointVerdict v : verdicts.keyPoints()) {
            byId.put(v.id(), v);
        }
        List<KeyPointResult> keyPoints = new ArrayList<>();
        double weighted = 0;
        double totalWeight = 0;
        boolean requiredMissing = false;
        for (Rubric.KeyPoint kp : rubric.keyPoints()) {
            KeyPointVerdict v = byId.get(kp.id());
            Verdict claimed = v == null ? Verdict.MISSING : v.verdict();
            List<Evidence> evidence = new ArrayList<>();
            boolean anyVerified = false;
            if (v != null && v.evidence() != null) {
                for (String quote : v.evidence()) {
                    // A quote must occur in the answer and must not deny what the key point asserts.
                    boolean ok = verified(quote, creditable) && !Polarity.deniesPoint(kp.text(), rubric.referenceAnswer(), quote);
                    anyVerified |= ok;
                    evidence.add(new Evidence(quote, ok));
                }
            }
            Verdict status = claimed != Verdict.MISSING && !anyVerified && !trusted ? Verdict.MISSING : claimed;
            weighted += kp.weight() * status.credit();
            totalWeight += kp.weight();
            requiredMissing |= kp.required() && status == Verdict.MISSING;
            keyPoints.add(new KeyPointResult(kp.id(), kp.text(), kp.weight(), kp.required(), claimed, status, evidence));
        }
        double kpFraction = totalWeight == 0 ? 0 : weighted / totalWeight;

        Map<String, CriterionVerdict> levels = new HashMap<>();
        for (CriterionVerdict c : verdicts.criteria()) {
            levels.put(c.id(), c);
        }
        List<CriterionResult> criteria = new ArrayList<>();
        double crWeighted = 0;
        double crWeight = 0;
        for (Rubric.Criterion c : rubric.criteria()) {
            CriterionVerdict v = levels.get(c.id());
            int max = c.maxLevel();
            int claimed = v == null ? 0 : Math.max(0, Math.min(max, v.level()));
            int level = claimed;
            if (verdicts.injectionSuspected()) {
                // An answer that tries to steer the grader gets no more on any criterion than its
                // verified content supports.
                level = Math.min(level, (int) Math.round(max * kpFraction));
            }
            crWeighted += c.weight() * (double) level / max;
            crWeight += c.weight();
            criteria.add(new CriterionResult(c.id(), c.name(), c.weight(), level, claimed, max,
                    v == null ? null : v.justification()));
        }
        double crFraction = crWeight == 0 ? 0 : crWeighted / crWeight;

        List<RedFlagHit> hits = new ArrayList<>();
        int penalty = 0;
        for (Rubric.RedFlag flag : rubric.redFlags()) {
            if (verdicts.redFlags().contains(flag.id())) {
                hits.add(new RedFlagHit(flag.id(), flag.text(), flag.penalty()));
                penalty += flag.penalty();
            }
        }
        // The epsilon keeps exact halves (27.5) from rounding down through floating-point error.
        int score = (int) Math.round(100 * (0.7 * kpFraction + 0.3 * crFraction) + 1e-9) - penalty;
        score = Math.max(0, Math.min(100, score));
        if (requiredMissing) {
            score = Math.min(score, REQUIRED_MISSING_CAP);
        }
        return new ScoredEvaluation(score, keyPoints, criteria, hits, verdicts.injectionSuspected(),
                verdicts.injectionEvidence());
    }

    static boolean verified(String quote, String normalizedAnswer) {
        String q = TextNormalizer.normalizeQuote(quote);
        if (q.length() < MIN_QUOTE_LENGTH) {
            return false;
        }
        // A quote may skip words with an ellipsis: every piece must occur, in order.
        int from = 0;
        for (String piece : q.split("\\s*\\.\\.\\.\\s*")) {
            if (piece.isBlank()) {
                continue;
            }
            int at = normalizedAnswer.indexOf(piece, from);
            if (at < 0) {
                return false;
            }
            from = at + piece.length();
        }
        return true;
    }
}
