package dev.viva.grader.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.GradingVerdicts;
import dev.viva.grader.domain.GradingVerdicts.CriterionVerdict;
import dev.viva.grader.domain.GradingVerdicts.KeyPointVerdict;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.SampleAgreement;
import dev.viva.grader.domain.ScoredEvaluation;
import dev.viva.grader.domain.ScoredEvaluation.KeyPointResult;
import dev.viva.grader.domain.Verdict;

/**
 * Combines K gradings of one answer by the same model into one grade and says how much they disagreed
 * ({@link SampleAgreement#COMBINATION}). A key point's verdict is the one each sample's grade actually
 * gave it, after the service checked its quotes, so two samples that both claim "covered" but one with a
 * quote the answer does not contain disagree. The median is robust to one wild sample and, unlike a mean,
 * is always a verdict or level the rubric has.
 *
 * <p>The confidence is the mean, over key points and criteria, of the share of graded samples that gave
 * the combined value, times the share of samples that graded at all: 1 when every sample agrees on
 * everything, lower as they split.
 */
public final class SampleCombiner {

    /** The combined grade (the attempt the evaluation is built from) and the samples' agreement. */
    public record Combined(GradeAttempt attempt, SampleAgreement agreement) {
    }

    private SampleCombiner() {
    }

    public static Combined combine(Rubric rubric, String sanitizedAnswer, List<GradeAttempt> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples to combine");
        }
        List<GradeAttempt> graded = samples.stream().filter(GradeAttempt::succeeded).toList();
        List<ScoredEvaluation> scored = graded.stream().map(a -> ScoreCalculator.score(rubric, a.verdicts(), sanitizedAnswer)).toList();
        List<SampleAgreement.Sample> audit = new ArrayList<>();
        int g = 0;
        for (int i = 0; i < samples.size(); i++) {
            GradeAttempt a = samples.get(i);
            Integer score = a.succeeded() ? scored.get(g++).score() : null;
            audit.add(new SampleAgreement.Sample(i + 1, a.succeeded() ? "GRADED" : "FAILED", score, a.failureReason(),
                    a.latencyMs(), a.attempts(), a.totalTokens(), a.rawReply()));
        }
        GradeAttempt first = samples.get(0);
        Map<String, Object> sampling = new LinkedHashMap<>(first.sampling() == null ? Map.of() : first.sampling());
        sampling.put("samples", samples.size());
        long promptTokens = samples.stream().mapToLong(GradeAttempt::promptTokens).sum();
        long completionTokens = samples.stream().mapToLong(GradeAttempt::completionTokens).sum();
        long totalTokens = samples.stream().mapToLong(GradeAttempt::totalTokens).sum();
        // the samples run at once: the grading took as long as the slowest
        long latency = samples.stream().mapToLong(GradeAttempt::latencyMs).max().orElse(0);
        int attempts = samples.stream().mapToInt(GradeAttempt::attempts).sum();

        if (graded.isEmpty()) {
            GradeAttempt last = samples.get(samples.size() - 1);
            SampleAgreement agreement = new SampleAgreement(samples.size(), 0, rubric.keyPoints().size(), 0,
                    rubric.criteria().size(), 0, 0, List.of(), false, List.of(), null, SampleAgreement.COMBINATION, List.of(), audit);
            return new Combined(new GradeAttempt(first.kind(), first.model(), first.promptVersion(), sampling, null,
                    "all " + samples.size() + " samples failed; the last: " + last.failureReason(), last.rawReply(),
                    promptTokens, completionTokens, totalTokens, latency, attempts, null), agreement);
        }

        List<SampleAgreement.Split> splits = new ArrayList<>();
        double agreeing = 0;
        List<KeyPointVerdict> keyPoints = new ArrayList<>();
        int keyPointsSplit = 0;
        for (Rubric.KeyPoint kp : rubric.keyPoints()) {
            List<KeyPointResult> results = scored.stream().map(s -> result(s, kp.id())).toList();
            List<Verdict> statuses = results.stream().map(r -> r == null ? Verdict.MISSING : r.status()).toList();
            Verdict chosen = median(statuses, Comparator.comparingDouble(Verdict::credit));
            agreeing += share(statuses, chosen);
            if (statuses.stream().distinct().count() > 1) {
                keyPointsSplit++;
                splits.add(new SampleAgreement.Split("keyPoint", kp.id(), statuses.stream().map(Enum::name).toList(), chosen.name()));
            }
            keyPoints.add(keyPointVerdict(kp.id(), chosen, results));
        }
        List<CriterionVerdict> criteria = new ArrayList<>();
        int criteriaSplit = 0;
        for (Rubric.Criterion c : rubric.criteria()) {
            List<Integer> levels = scored.stream().map(s -> level(s, c.id())).toList();
            int chosen = median(levels, Comparator.naturalOrder());
            agreeing += share(levels, chosen);
            if (levels.stream().distinct().count() > 1) {
                criteriaSplit++;
                splits.add(new SampleAgreement.Split("criterion", c.id(), levels.stream().map(String::valueOf).toList(),
                        String.valueOf(chosen)));
            }
            criteria.add(new CriterionVerdict(c.id(), chosen, null));
        }
        List<String> redFlags = new ArrayList<>();
        List<String> redFlagsSplit = new ArrayList<>();
        for (Rubric.RedFlag flag : rubric.redFlags()) {
            long raised = graded.stream().filter(a -> a.verdicts().redFlags().contains(flag.id())).count();
            if (2 * raised > graded.size()) {
                redFlags.add(flag.id());
            }
            if (raised > 0 && raised < graded.size()) {
                redFlagsSplit.add(flag.id());
            }
        }
        long suspecting = graded.stream().filter(a -> a.verdicts().injectionSuspected()).count();
        boolean injection = 2 * suspecting > graded.size();
        String injectionEvidence = graded.stream().filter(a -> a.verdicts().injectionSuspected())
                .map(a -> a.verdicts().injectionEvidence()).findFirst().orElse("");

        GradingVerdicts provisional = new GradingVerdicts("", keyPoints, criteria, redFlags, injection, injectionEvidence,
                List.of(), List.of());
        int combinedScore = ScoreCalculator.score(rubric, provisional, sanitizedAnswer).score();
        int representative = 0;
        for (int i = 1; i < scored.size(); i++) {
            if (Math.abs(scored.get(i).score() - combinedScore) < Math.abs(scored.get(representative).score() - combinedScore)) {
                representative = i;
            }
        }
        GradeAttempt voice = graded.get(representative);
        ScoredEvaluation voiceScored = scored.get(representative);
        List<CriterionVerdict> justified = criteria.stream().map(c -> new CriterionVerdict(c.id(), c.level(),
                justification(c, voiceScored, scored))).toList();
        GradingVerdicts combined = new GradingVerdicts(voice.verdicts().reasoning(), keyPoints, justified, redFlags, injection,
                injectionEvidence, voice.verdicts().strengths(), voice.verdicts().improvements());

        int items = rubric.keyPoints().size() + rubric.criteria().size();
        double confidence = (items == 0 ? 1 : agreeing / items) * graded.size() / samples.size();
        List<Integer> scores = scored.stream().map(ScoredEvaluation::score).toList();
        int spread = scores.stream().mapToInt(Integer::intValue).max().getAsInt() - scores.stream().mapToInt(Integer::intValue).min().getAsInt();
        SampleAgreement agreement = new SampleAgreement(samples.size(), graded.size(), rubric.keyPoints().size(), keyPointsSplit,
                rubric.criteria().size(), criteriaSplit, items == 0 ? 0 : (double) (keyPointsSplit + criteriaSplit) / items,
                redFlagsSplit, suspecting > 0 && suspecting < graded.size(), scores, spread, SampleAgreement.COMBINATION, splits, audit);
        GradeAttempt attempt = new GradeAttempt(first.kind(), first.model(), first.promptVersion(), sampling, combined, null,
                voice.rawReply(), promptTokens, completionTokens, totalTokens, latency, attempts, round(confidence));
        return new Combined(attempt, agreement);
    }

    /**
     * The combined verdict with the quotes that earned it: those of the samples whose grade gave the same
     * verdict. A key point the samples mostly claimed but whose quotes the service refused stays a claim with
     * those refused quotes, so the stored evaluation still shows the evidence was rejected.
     */
    private static KeyPointVerdict keyPointVerdict(String id, Verdict chosen, List<KeyPointResult> results) {
        if (chosen == Verdict.MISSING) {
            List<KeyPointResult> refused = results.stream()
                    .filter(r -> r != null && r.claimed() != Verdict.MISSING && r.status() == Verdict.MISSING).toList();
            if (2 * refused.size() > results.size()) {
                Verdict claim = median(refused.stream().map(KeyPointResult::claimed).toList(), Comparator.comparingDouble(Verdict::credit));
                return new KeyPointVerdict(id, claim, quotes(refused, false));
            }
            return new KeyPointVerdict(id, Verdict.MISSING, List.of());
        }
        return new KeyPointVerdict(id, chosen, quotes(results.stream().filter(r -> r != null && r.status() == chosen).toList(), true));
    }

    private static List<String> quotes(List<KeyPointResult> results, boolean verified) {
        Set<String> quotes = new LinkedHashSet<>();
        for (KeyPointResult r : results) {
            r.evidence().stream().filter(e -> e.verified() == verified).forEach(e -> quotes.add(e.quote()));
        }
        return List.copyOf(quotes);
    }

    private static String justification(CriterionVerdict c, ScoredEvaluation voice, List<ScoredEvaluation> scored) {
        for (ScoredEvaluation s : java.util.stream.Stream.concat(java.util.stream.Stream.of(voice), scored.stream()).toList()) {
            for (ScoredEvaluation.CriterionResult r : s.criteria()) {
                if (r.id().equals(c.id()) && r.claimedLevel() == c.level()) {
                    return r.justification();
                }
            }
        }
        return null;
    }

    private static KeyPointResult result(ScoredEvaluation s, String id) {
        return s.keyPoints().stream().filter(k -> k.id().equals(id)).findFirst().orElse(null);
    }

    private static int level(ScoredEvaluation s, String id) {
        return s.criteria().stream().filter(c -> c.id().equals(id)).mapToInt(ScoredEvaluation.CriterionResult::claimedLevel)
                .findFirst().orElse(0);
    }

    /** The middle value; on an even count the lower of the two middle ones. */
    static <T> T median(List<T> values, Comparator<? super T> order) {
        List<T> sorted = values.stream().sorted(order).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static <T> double share(List<T> values, T chosen) {
        return (double) values.stream().filter(chosen::equals).count() / values.size();
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
