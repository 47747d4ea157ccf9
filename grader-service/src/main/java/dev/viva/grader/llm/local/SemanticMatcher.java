package dev.viva.grader.llm.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import dev.viva.grader.domain.GradingVerdicts;
import dev.viva.grader.domain.GradingVerdicts.CriterionVerdict;
import dev.viva.grader.domain.GradingVerdicts.KeyPointVerdict;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.Verdict;
import dev.viva.grader.llm.LexicalText;

/**
 * The local grader's method.
 *
 * <ol>
 * <li>The answer is split into sentences. A sentence addressed to the grader ({@link InstructionDetector})
 * is set aside; so is one without sentence structure (a list of terms) and one whose content words
 * all come from the question (an echo). Only the rest can earn credit.</li>
 * <li>Each creditable sentence, and each pair of neighbouring ones, is embedded and compared with every
 * key point's anchors: its statement and the reference sentences that say the same. The match is the
 * best cosine similarity plus a small bonus for the key point's own wording (terms and distinctive words
 * the question does not use, misspellings tolerated).</li>
 * <li>A sentence that denies what the key point asserts ({@link Polarity}) is not evidence for it; a
 * sentence that asserts a red flag's misconception (close to the claim, closer to it than to any key
 * point, same polarity, not reported as a misconception) fires the flag and is not evidence either.</li>
 * <li>Each claim of a sentence is checked against the rubric's facts ({@link Consistency}): a sentence
 * whose aligned claims are all contradicted is no evidence, and an answer with more than half of its
 * aligned claims contradicted (or half, with at least two) is wrong as a whole: no key point is
 * credited, however close its wording lies to them.</li>
 * <li>Thresholds turn the best match into COVERED, PARTIAL or MISSING (an answer that comes near four
 * fifths of the key points has each near one PARTIAL at least: it says them in its own words; a
 * sentence that is the best evidence for more than three points keeps its partial credit for its three
 * closest); the criteria levels follow from the coverage, the sentence structure and the reasoning
 * shown. The confidence is how far the matches lie from the thresholds.</li>
 * </ol>
 */
public final class SemanticMatcher {

    // Tuned on the tuning set only (src/test/resources/calibration/tuning.yaml).
    static double COVERED = 0.60;
    static double PARTIAL = 0.40;
    static double TERM_BONUS = 0.06;
    static double WORD_BONUS = 0.10;
    static double FLAG_SIMILARITY = 0.56;
    static double STRONG_MEANING = 0.72;
    static double REFERENCE_CLOSE = 0.45;
    static double GLOBAL_FROM = 0.50;
    static double GLOBAL_WEIGHT = 0.25;
    static double FLAG_MARGIN = 0.0;
    static double ECHO_NOVELTY = 0.25;
    /** A match this close to a key point counts as partial in an answer that comes this close to most of them. */
    static double BROAD_FLOOR = 0.27;
    /** The share of the key points an answer must come near ({@link #BROAD_FLOOR}) to be read as covering them. */
    static double BROAD_SHARE = 0.8;
    /** How many key points one sentence can be partial evidence for: a generic sentence comes near many at once. */
    static int SPREAD_LIMIT = 3;
    private static final double CONFIDENCE_SPAN = 0.08;
    /** How much further than {@link #FLAG_SIMILARITY} a part of a sentence may lie from a misconception and assert it. */
    static double FLAG_PART_SLACK = 0.06;

    static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "is", "are", "was", "were", "be", "been", "being",
            "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "it", "its", "this", "that", "these", "those",
            "and", "or", "but", "so", "if", "then", "than", "can", "could", "should", "would", "will", "may", "might",
            "must", "do", "does", "did", "has", "have", "had", "not", "no", "each", "every", "which", "who", "what",
            "when", "where", "how", "why", "into", "over", "under", "between", "through", "because", "while", "you",
            "we", "they", "i", "he", "she", "them", "their", "our", "your", "my", "there", "here", "all", "some", "any",
            "more", "most", "less", "only", "also", "very", "just", "about", "after", "before", "up", "out", "one");
    static final Set<String> VERB_CUES = Set.of("is", "are", "was", "were", "be", "been", "has", "have", "had", "do",
            "does", "did", "can", "could", "should", "would", "will", "may", "might", "must", "let", "lets", "make",
            "makes", "use", "uses", "need", "needs", "take", "takes", "give", "gives", "keep", "keeps", "get", "gets",
            "put", "puts", "mean", "means", "learn", "learns", "add", "adds", "run", "runs", "split", "splits", "cut",
            "cuts", "work", "works", "go", "goes", "come", "comes", "tell", "tells", "pick", "picks", "find", "finds",
            "become", "becomes", "say", "says", "set", "sets", "see", "sees", "show", "shows", "try", "tries", "look",
            "looks", "pass", "passes", "turn", "turns", "start", "starts", "stop", "stops", "help", "helps", "depend",
            "depends", "store", "stores", "produce", "produces", "predict", "predicts", "return", "returns", "compare",
            "compares", "map", "maps", "train", "trains", "sample", "samples", "reduce", "reduces", "hold", "holds");
    static final Set<String> OBJECT_STARTS = Set.of("the", "a", "an", "its", "their", "each", "every", "all", "this",
            "that", "these", "those", "them", "it", "to", "into", "from", "with", "on", "over", "more", "less", "some", "any");
    private static final Pattern REASONING = Pattern.compile(
            "\\b(because|therefore|so that|so the|so it|trade-?offs?|however|whereas|instead|for example|e\\.g\\.|for instance|"
                    + "depends|in practice|measure|compared|unlike|limitation|downside|cost|costs|risk|which means|the price|"
                    + "otherwise|but|since|why|price)\\b");
    private static final Pattern HEDGED = Pattern.compile(
            "\\b(misconception|myth|it is (wrong|false|incorrect|a mistake) to|wrongly|mistakenly|some people (think|believe|say)|"
                    + "a common (mistake|error|belief)|is not true|isn't true|contrary to)\\b");
    /** Quantifiers that mean the same for this check: a claim resting on one needs one of its class. */
    private static final List<Pattern> QUANTIFIER_CLASSES = List.of(
            Pattern.compile("\\b(always|every|all|each|any|entirely|automatically|guaranteed|whatever|regardless|naturally)\\b"),
            Pattern.compile("\\b(never|no|none|nothing|cannot|can't|not)\\b|n't\\b"),
            Pattern.compile("\\bexactly\\b"),
            Pattern.compile("\\bat most\\b"),
            Pattern.compile("\\bat least\\b"));
    /** Opposites that turn a misconception into the correct claim with most words shared. */
    static final List<String[]> OPPOSITES = List.of(
            new String[] {"same", "different"}, new String[] {"same", "changes"}, new String[] {"same", "differs"},
            new String[] {"faster", "slower"}, new String[] {"more", "less"}, new String[] {"more", "fewer"},
            new String[] {"increases", "decreases"}, new String[] {"higher", "lower"}, new String[] {"larger", "smaller"},
            new String[] {"exact", "approximate"}, new String[] {"static", "contextual"}, new String[] {"stable", "unstable"},
            new String[] {"better", "worse"}, new String[] {"linear", "quadratic"}, new String[] {"parallel", "sequential"},
            new String[] {"symmetric", "asymmetric"}, new String[] {"precise", "imprecise"}, new String[] {"removing", "raise"},
            new String[] {"removing", "strengthen"}, new String[] {"removing", "keep"}, new String[] {"removing", "stronger"},
            new String[] {"sharper", "blurrier"}, new String[] {"sharper", "blurry"});

    private final SentenceEncoder encoder;
    private final Map<String, RubricModel> rubrics = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RubricModel> eldest) {
            return size() > 500;
        }
    };

    public SemanticMatcher(SentenceEncoder encoder) {
        this.encoder = encoder;
    }

    /** Verdicts plus what the harness and tests look at. */
    public record Result(GradingVerdicts verdicts, Double confidence, double coverage, List<String> keywordSentences,
            List<String> echoSentences, List<String> contradicted, Map<String, Double> pointScores, int alignedClaims,
            List<String> contradictedClaims) {
    }

    private record Sentence(String text, boolean instruction, boolean structured, boolean echo) {
        boolean creditable() {
            return !instruction && structured && !echo;
        }
    }

    /**
     * A sentence or two neighbouring ones; {@code asserted} are its stems with the words it denies blanked;
     * {@code wording} is its credit for each key point's own wording, in the rubric's order.
     */
    record Segment(List<String> quotes, float[] vector, String text, List<String> stems, List<String> words,
            List<String> assertedStems, List<String> assertedWords, double[] wording) {
        /** The segment's words and wording credit; its vector comes later ({@link #with}). */
        static Segment of(List<String> quotes, String text, RubricModel model) {
            List<String> stems = LexicalText.stems(text);
            List<String> words = LexicalText.words(text);
            boolean[] denied = Polarity.denials(words);
            double[] wording = new double[model.points.size()];
            Segment seg = new Segment(quotes, null, text, stems, words, blanked(stems, denied), blanked(words, denied), wording);
            for (int k = 0; k < wording.length; k++) {
                wording[k] = wordingBonus(model.points.get(k), seg);
            }
            return seg;
        }

        Segment with(float[] meaning) {
            return new Segment(quotes, meaning, text, stems, words, assertedStems, assertedWords, wording);
        }

        private static List<String> blanked(List<String> tokens, boolean[] denied) {
            List<String> out = new ArrayList<>(tokens);
            for (int i = 0; i < out.size() && i < denied.length; i++) {
                if (denied[i]) {
                    out.set(i, "");
                }
            }
            return out;
        }
    }

    record Match(Verdict verdict, double score, Segment segment, boolean contradicted, String contradiction) {
    }

    /**
     * What one creditable sentence brings, worked out side by side with the other sentences' (its vector,
     * its claims, its wording and that of the pair it starts): the embedding is most of a grading, and
     * the words can be read while the network runs.
     */
    private record Prepared(float[] vector, List<Consistency.Claim> claims, Segment alone, Segment withNext) {
    }

    public Result grade(Rubric rubric, String answer) {
        RubricModel model = rubricModel(rubric);
        List<Sentence> sentences = LexicalText.sentences(answer == null ? "" : answer).parallelStream().map(s -> {
            boolean instruction = InstructionDetector.isInstruction(s);
            return new Sentence(s, instruction, structured(s), !instruction && echo(s, model.promptStems));
        }).toList();
        List<String> injected = sentences.stream().filter(Sentence::instruction).map(Sentence::text).toList();
        List<Sentence> creditable = sentences.stream().filter(Sentence::creditable).toList();
        List<String> keywordSentences = sentences.stream().filter(s -> !s.instruction() && !s.structured()).map(Sentence::text).toList();
        List<String> echoes = sentences.stream().filter(s -> !s.instruction() && s.structured() && s.echo()).map(Sentence::text).toList();

        List<Prepared> prepared = IntStream.range(0, creditable.size()).parallel().mapToObj(i -> {
            String text = creditable.get(i).text();
            float[] vector = encoder.embed(text);
            List<Consistency.Claim> claims = Consistency.claims(text, model.facts, model.promptStems, model.entities);
            Segment alone = Segment.of(List.of(text), text, model);
            Segment withNext = i + 1 < creditable.size()
                    ? Segment.of(List.of(text, creditable.get(i + 1).text()), text + " " + creditable.get(i + 1).text(), model)
                    : null;
            return new Prepared(vector, claims, alone, withNext);
        }).toList();
        List<float[]> vectors = prepared.stream().map(Prepared::vector).toList();

        // Red flags: a sentence that asserts a misconception fires it and is no evidence for any key point.
        List<String> redFlags = new ArrayList<>();
        Map<String, String> flagQuotes = new LinkedHashMap<>();
        Set<Integer> asserting = new HashSet<>();
        Map<String, float[]> partVectors = new HashMap<>();
        for (RubricModel.Flag flag : model.flags) {
            for (int i = 0; i < creditable.size(); i++) {
                String text = creditable.get(i).text();
                boolean fired = closeToFlag(flag, vectors.get(i), model) && assertsInWords(flag, text);
                if (!fired && SentenceEncoder.cosine(flag.vector(), vectors.get(i)) >= FLAG_SIMILARITY - FLAG_PART_SLACK) {
                    // A compound sentence: the misconception may be one of its parts. Only the parts whose
                    // words assert it are embedded.
                    List<String> parts = Polarity.claims(text);
                    if (parts.size() > 1) {
                        List<String> candidates = parts.stream().filter(part -> assertsInWords(flag, part)).toList();
                        List<float[]> embedded = embedParts(candidates, partVectors);
                        for (int p = 0; p < candidates.size() && !fired; p++) {
                            fired = closeToFlag(flag, embedded.get(p), model);
                        }
                    }
                }
                if (fired && deniedEarly(flag, text, partVectors)) {
                    fired = false;
                }
                if (fired) {
                    if (!redFlags.contains(flag.redFlag().id())) {
                        redFlags.add(flag.redFlag().id());
                        flagQuotes.put(flag.redFlag().id(), creditable.get(i).text());
                    }
                    asserting.add(i);
                }
            }
        }

        // A sentence that says the opposite of the reference answer ("linear" for "quadratic", "once" for
        // "repeatedly") is no evidence for any point.
        Set<Integer> flagged = Set.copyOf(asserting);
        List<String> contradictsReference = new ArrayList<>();
        for (int i = 0; i < creditable.size(); i++) {
            if (!asserting.contains(i) && contradictsReference(creditable.get(i).text(), vectors.get(i), model)) {
                asserting.add(i);
                contradictsReference.add(creditable.get(i).text());
            }
        }

        // Claim by claim: a sentence whose claims the rubric's facts mostly contradict is no evidence, and
        // an answer whose aligned claims are mostly contradicted is wrong as a whole.
        int alignedClaims = 0;
        // The claims contradicted by more than their polarity (an opposite word, a dismissal, a swapped
        // subject), and every aligned claim of a sentence that asserts a red flag or contradicts the reference:
        // only these can make the answer wrong as a whole, because the negation reading of a claim also takes
        // correct negative statements for contradictions.
        int clearlyAgainst = 0;
        // Claims contradicted by the reference rather than by a red flag: each costs the accuracy level
        // that a red flag costs ("at least one important claim is wrong").
        int wrongClaims = 0;
        List<String> contradictedClaims = new ArrayList<>();
        for (int i = 0; i < creditable.size(); i++) {
            int aligned = 0;
            int against = 0;
            for (Consistency.Claim c : prepared.get(i).claims()) {
                if (c.aligned() || c.contradicted()) {
                    aligned++;
                }
                if (c.contradicted()) {
                    against++;
                    contradictedClaims.add(c.text());
                    if (!c.byNegationOnly()) {
                        clearlyAgainst++;
                    }
                }
            }
            if (asserting.contains(i) && against == 0) {
                against = Math.max(1, aligned);
                clearlyAgainst += against;
                aligned = Math.max(1, aligned);
                contradictedClaims.add(creditable.get(i).text());
            }
            alignedClaims += aligned;
            if (!flagged.contains(i)) {
                wrongClaims += against;
            }
            if (against > 0 && against >= aligned) {
                asserting.add(i);
            }
        }

        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < creditable.size(); i++) {
            if (!asserting.contains(i)) {
                segments.add(prepared.get(i).alone().with(vectors.get(i)));
            }
        }
        for (int i = 0; i + 1 < creditable.size(); i++) {
            if (!asserting.contains(i) && !asserting.contains(i + 1)) {
                segments.add(prepared.get(i).withNext().with(SentenceEncoder.mean(vectors.get(i), vectors.get(i + 1))));
            }
        }

        // How close the answer as a whole is to the reference answer: a paraphrase that matches the
        // reference's overall meaning earns a little on each point it comes near.
        double global = 0;
        if (!vectors.isEmpty() && !model.reference.isEmpty()) {
            global = SentenceEncoder.cosine(centroid(vectors), model.referenceCentroid);
        }
        double lift = GLOBAL_WEIGHT * Math.max(0, global - GLOBAL_FROM);
        boolean injection = !injected.isEmpty();
        // Most of what the answer claims about the rubric's facts is clearly contradicted by them: the answer
        // is wrong as a whole, however close its wording lies to the key points.
        int against = clearlyAgainst;
        // A tie decides only with two or more contradicted claims: one slip in a two-claim answer is not enough.
        boolean wrongOverall = 2 * against > alignedClaims || (2 * against == alignedClaims && against >= 2);
        List<KeyPointVerdict> kps = new ArrayList<>();
        List<Match> matches = new ArrayList<>();
        double credit = 0;
        double weight = 0;
        double confidenceSum = 0;
        List<String> contradicted = new ArrayList<>();
        // An answer that comes near almost every key point, none of them contradicted, covers them in its own
        // words: a paraphrase in plain language lies below the partial threshold on each point, a vague answer
        // comes near only the one or two the topic suggests. Each near point then counts as partly covered.
        List<Match> raw = new ArrayList<>();
        int near = 0;
        Set<String> nearSentences = new HashSet<>();
        for (int k = 0; k < model.points.size(); k++) {
            Match m = bestMatch(model.points.get(k), k, segments, model, lift);
            raw.add(m);
            if (m.score() >= BROAD_FLOOR && !m.contradicted() && m.segment() != null) {
                near++;
                nearSentences.add(m.segment().quotes().get(0));
            }
        }
        // ... and does so in sentences of their own: two sentences near six points are near the topic.
        boolean broad = !model.points.isEmpty() && near >= BROAD_SHARE * model.points.size() && near >= 2
                && 2 * nearSentences.size() >= near && global >= GLOBAL_FROM;
        List<Verdict> provisional = new ArrayList<>();
        for (int k = 0; k < model.points.size(); k++) {
            Match m = raw.get(k);
            Verdict v = m.verdict();
            if (broad && v == Verdict.MISSING && m.segment() != null && m.score() >= BROAD_FLOOR && !m.contradicted()) {
                v = Verdict.PARTIAL;
            }
            provisional.add(v);
        }
        limitSpread(provisional, raw);
        for (int k = 0; k < model.points.size(); k++) {
            RubricModel.Point point = model.points.get(k);
            Match m = raw.get(k);
            Verdict v = provisional.get(k);
            if (wrongOverall && !injection) {
                v = Verdict.MISSING;
            }
            if (injection) {
                // An answer that tries to steer the grader forfeits the automatic grade: no point is
                // credited, the confidence is low, and a reviewer decides.
                v = Verdict.MISSING;
            }
            matches.add(new Match(v, m.score(), m.segment(), m.contradicted(), m.contradiction()));
            kps.add(new KeyPointVerdict(point.keyPoint().id(), v, v == Verdict.MISSING || m.segment() == null ? List.of() : m.segment().quotes()));
            credit += point.keyPoint().weight() * v.credit();
            weight += point.keyPoint().weight();
            if (m.contradicted()) {
                contradicted.add(point.keyPoint().id());
            }
            double margin = Math.min(Math.abs(m.score() - COVERED), Math.abs(m.score() - PARTIAL));
            confidenceSum += Math.min(1, margin / CONFIDENCE_SPAN);
        }
        double coverage = weight == 0 ? 0 : credit / weight;

        int words = 0;
        for (Sentence s : creditable) {
            words += LexicalText.words(s.text()).size();
        }
        int allWords = LexicalText.words(answer == null ? "" : answer).size();
        String creditableText = String.join(" ", creditable.stream().map(Sentence::text).toList());
        int reasoning = countReasoning(creditableText);
        Feedback feedback = new Feedback(model, matches, redFlags, flagQuotes, keywordSentences, echoes, injection);
        List<CriterionVerdict> criteria = criteria(rubric, model, matches, coverage, redFlags, contradicted,
                creditable.size(), words, allWords, reasoning, feedback, wrongOverall && !injection, against, alignedClaims, wrongClaims);

        double confidence = model.points.isEmpty() ? 0.5 : confidenceSum / model.points.size();
        if (injection) {
            confidence = Math.min(confidence, 0.3);
        }
        if (!redFlags.isEmpty() && coverage >= 0.5) {
            confidence *= 0.8; // a strong answer that also states a misconception deserves a second look
        }
        confidence = Math.round(Math.max(0.05, Math.min(0.99, confidence)) * 100) / 100.0;

        String reasoningText = String.format(Locale.ROOT,
                "Semantic match of %d sentence(s) against %d key point(s): coverage %d%%%s%s%s%s",
                creditable.size(), model.points.size(), Math.round(coverage * 100),
                keywordSentences.isEmpty() ? "" : "; " + keywordSentences.size() + " fragment(s) without sentence structure earn nothing",
                echoes.isEmpty() ? "" : "; " + echoes.size() + " sentence(s) only repeat the question",
                contradicted.isEmpty() ? "" : "; contradicts " + String.join(", ", contradicted),
                injection ? "; instructions aimed at the grader were found and ignored" : "")
                + (wrongOverall && !injection ? "; most of its claims contradict the reference answer, so none is credited" : "");
        GradingVerdicts verdicts = new GradingVerdicts(reasoningText, kps, criteria, redFlags, injection,
                String.join(" ", injected), feedback.strengths(), feedback.improvements());
        Map<String, Double> pointScores = new LinkedHashMap<>();
        for (int k = 0; k < model.points.size(); k++) {
            pointScores.put(model.points.get(k).keyPoint().id(), Math.round(matches.get(k).score() * 1000) / 1000.0);
        }
        return new Result(verdicts, confidence, coverage, keywordSentences, echoes, contradicted, pointScores, alignedClaims,
                contradictedClaims);
    }

    /**
     * A sentence that is the best evidence for more than {@link #SPREAD_LIMIT} points is near the topic, not
     * near each point ("both are generative models for images" against stability, diversity and
     * likelihood): beyond its closest {@code SPREAD_LIMIT} points it keeps only those it covers.
     */
    private static void limitSpread(List<Verdict> verdicts, List<Match> matches) {
        Map<String, List<Integer>> bySentence = new HashMap<>();
        for (int k = 0; k < verdicts.size(); k++) {
            if (verdicts.get(k) != Verdict.MISSING && matches.get(k).segment() != null) {
                bySentence.computeIfAbsent(matches.get(k).segment().quotes().get(0), q -> new ArrayList<>()).add(k);
            }
        }
        for (List<Integer> points : bySentence.values()) {
            points.sort((x, y) -> Double.compare(matches.get(y).score(), matches.get(x).score()));
            for (int r = SPREAD_LIMIT; r < points.size(); r++) {
                if (verdicts.get(points.get(r)) == Verdict.PARTIAL) {
                    verdicts.set(points.get(r), Verdict.MISSING);
                }
            }
        }
    }

    private synchronized RubricModel rubricModel(Rubric rubric) {
        String key = rubric.questionId() + "@" + rubric.version() + "#" + rubric.hashCode();
        RubricModel m = rubrics.get(key);
        if (m == null) {
            m = new RubricModel(rubric, encoder);
            rubrics.put(key, m);
        }
        return m;
    }

    static float[] centroid(List<float[]> vectors) {
        float[] c = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int i = 0; i < c.length; i++) {
                c[i] += v[i];
            }
        }
        return SentenceEncoder.normalised(c);
    }

    /** The segment that matches the {@code k}-th key point best, or a contradiction of it. */
    private Match bestMatch(RubricModel.Point point, int k, List<Segment> segments, RubricModel model, double lift) {
        Match best = new Match(Verdict.MISSING, 0, null, false, null);
        Match bestContradiction = null;
        for (Segment seg : segments) {
            double sim = -1;
            RubricModel.Anchor anchor = null;
            for (RubricModel.Anchor a : point.anchors()) {
                double s = SentenceEncoder.cosine(a.vector(), seg.vector());
                if (s > sim) {
                    sim = s;
                    anchor = a;
                }
            }
            double wording = seg.wording()[k];
            double score = sim + wording + (sim >= PARTIAL - 0.1 ? lift : 0);
            if (score <= best.score()) {
                continue;
            }
            if (aboutAnotherSubject(point, seg, model)) {
                continue;
            }
            if (contradicts(point, anchor, seg)) {
                if (bestContradiction == null || score > bestContradiction.score()) {
                    bestContradiction = new Match(Verdict.MISSING, score, seg, true, seg.quotes().get(0));
                }
                continue;
            }
            Verdict v = verdict(score);
            if (v == Verdict.COVERED && sim < STRONG_MEANING && wording == 0) {
                v = Verdict.PARTIAL; // close in meaning but none of the point's own words: vague
            }
            best = new Match(v, score, seg, false, null);
        }
        if (bestContradiction != null && bestContradiction.score() >= PARTIAL && best.verdict() == Verdict.MISSING) {
            return new Match(Verdict.MISSING, best.score(), null, true, bestContradiction.contradiction());
        }
        return best;
    }

    /**
     * The clause that carries the point is about another of the things the question contrasts:
     * "distillation removes weights from the teacher" is no evidence that pruning removes weights.
     */
    static boolean aboutAnotherSubject(RubricModel.Point point, Segment seg, RubricModel model) {
        if (point.subject() == null) {
            return false;
        }
        for (String quote : seg.quotes()) {
            String clause = Polarity.bestClause(String.join(" ", point.distinctive()), quote);
            List<String> stems = LexicalText.stems(clause);
            if (stems.contains(point.subject())) {
                continue;
            }
            for (String s : stems) {
                if (model.entities.contains(s)) {
                    return true; // names another subject first, and never its own
                }
            }
        }
        return false;
    }

    /** Opposite pairs for comparing an answer with the reference; both directions are checked. */
    static final List<String[]> REFERENCE_OPPOSITES = List.of(
            new String[] {"linear", "quadratic"}, new String[] {"linear", "quadratically"}, new String[] {"parallel", "sequential"},
            new String[] {"parallel", "sequentially"}, new String[] {"fewer", "more"}, new String[] {"less", "more"},
            new String[] {"smaller", "bigger"}, new String[] {"smaller", "larger"}, new String[] {"lower", "higher"},
            new String[] {"faster", "slower"}, new String[] {"frequent", "rare"}, new String[] {"before", "after"},
            new String[] {"fixed", "swapped"}, new String[] {"exact", "approximate"}, new String[] {"exactly", "approximately"},
            new String[] {"precision", "recall"}, new String[] {"single", "many"}, new String[] {"once", "repeatedly"},
            new String[] {"increases", "decreases"}, new String[] {"increase", "decrease"}, new String[] {"sharper", "blurrier"},
            new String[] {"symmetric", "asymmetric"}, new String[] {"supervised", "self-supervised"},
            new String[] {"unlabeled", "labeled"});

    /**
     * The sentence contradicts the reference sentence it shares most words with (at least two words the
     * question does not supply, and close in meaning): one of its clauses uses the opposite of a word the
     * reference sentence uses without that word itself. A difference in negation alone is not enough here
     * (the claim-by-claim check reads negation): "reads pieces of words rather than characters" says what
     * "sees pieces, not letters" says, without a "not".
     */
    static boolean contradictsReference(String sentence, float[] vector, RubricModel model) {
        for (String clause : Polarity.claims(sentence)) {
            java.util.Set<String> stems = new HashSet<>(LexicalText.contentStems(clause));
            RubricModel.Anchor best = null;
            int bestShared = 0;
            for (RubricModel.Anchor ref : model.reference) {
                int shared = 0;
                for (String r : ref.contentStems()) {
                    if (stems.contains(r) && !model.promptStems.contains(r)) {
                        shared++;
                    }
                }
                if (shared > bestShared) {
                    bestShared = shared;
                    best = ref;
                }
            }
            if (best == null || bestShared < 2) {
                continue;
            }
            double sim = SentenceEncoder.cosine(vector, best.vector());
            if (sim < REFERENCE_CLOSE) {
                continue;
            }
            List<String> refWords = best.words();
            List<String> words = LexicalText.words(clause);
            for (String[] pair : REFERENCE_OPPOSITES) {
                for (int side = 0; side < 2; side++) {
                    String mine = pair[side];
                    String theirs = pair[1 - side];
                    if (words.contains(mine) && !words.contains(theirs) && refWords.contains(theirs) && !refWords.contains(mine)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A segment denies the point when its best clause contradicts the statement and every close anchor. */
    private static boolean contradicts(RubricModel.Point point, RubricModel.Anchor closest, Segment seg) {
        for (String quote : seg.quotes()) {
            if (Polarity.deniedInEveryClause(point.statement(), quote)
                    && (closest == null || Polarity.deniedInEveryClause(closest.text(), quote))) {
                return true;
            }
        }
        return false;
    }

    static Verdict verdict(double score) {
        if (score >= COVERED) {
            return Verdict.COVERED;
        }
        return score >= PARTIAL ? Verdict.PARTIAL : Verdict.MISSING;
    }

    /** Credit for the key point's own wording that the question does not already supply. */
    private static double wordingBonus(RubricModel.Point point, Segment seg) {
        // A word the answer denies ("no iterative denoising is needed") is no evidence for a point that
        // asserts it; a point that is itself a denial is matched on the answer's words as they stand.
        List<String> stems = point.affirmative() ? seg.assertedStems() : seg.stems();
        List<String> words = point.affirmative() ? seg.assertedWords() : seg.words();
        boolean term = false;
        for (List<String> t : point.terms()) {
            if (containsPhrase(stems, words, t)) {
                term = true;
                break;
            }
        }
        double wordShare = 0;
        if (!point.distinctive().isEmpty()) {
            int hits = 0;
            for (String d : point.distinctive()) {
                if (containsWord(stems, words, d)) {
                    hits++;
                }
            }
            wordShare = Math.min(1.0, hits / Math.max(2.0, point.distinctive().size() * 0.5));
        }
        return (term ? TERM_BONUS : 0) + WORD_BONUS * wordShare;
    }

    static boolean containsWord(List<String> stems, List<String> words, String stem) {
        for (int i = 0; i < stems.size(); i++) {
            if (stems.get(i).equals(stem) || Fuzzy.sameWord(words.get(i), stem) || Fuzzy.sameWord(stems.get(i), stem)) {
                return true;
            }
        }
        return false;
    }

    /** The phrase's stems in order, at most one word apart, each tolerating a misspelling. */
    static boolean containsPhrase(List<String> stems, List<String> words, List<String> phrase) {
        outer:
        for (int i = 0; i < stems.size(); i++) {
            if (!same(stems.get(i), words.get(i), phrase.get(0))) {
                continue;
            }
            int at = i;
            for (int p = 1; p < phrase.size(); p++) {
                int next = -1;
                for (int j = at + 1; j < Math.min(stems.size(), at + 3); j++) {
                    if (same(stems.get(j), words.get(j), phrase.get(p))) {
                        next = j;
                        break;
                    }
                }
                if (next < 0) {
                    continue outer;
                }
                at = next;
            }
            return true;
        }
        return false;
    }

    private static boolean same(String stem, String word, String target) {
        return stem.equals(target) || (target.length() >= 5 && (Fuzzy.sameWord(stem, target) || Fuzzy.sameWord(word, target)));
    }

    /**
     * A misconception stated positively ("setting the temperature to 0 eliminates hallucinations") is
     * rejected by a sentence whose parts deny something early on ("temperature 0 doesn't make it truthful"),
     * unless a part that denies nothing there comes near it too. A negation at the end of a part qualifies
     * a detail and leaves the claim standing ("to teach the model new facts it did not see in pre-training").
     */
    private boolean deniedEarly(RubricModel.Flag flag, String sentence, Map<String, float[]> partVectors) {
        if (Polarity.hasNegation(flag.claim())) {
            return false;
        }
        List<String> parts = Polarity.parts(sentence);
        List<String> plain = parts.stream().filter(p -> !Polarity.deniesEarly(p)).toList();
        if (plain.size() == parts.size()) {
            return false;
        }
        for (float[] v : embedParts(plain, partVectors)) {
            if (SentenceEncoder.cosine(flag.vector(), v) >= FLAG_SIMILARITY - FLAG_PART_SLACK) {
                return false;
            }
        }
        return true;
    }

    /** The parts' vectors, each part embedded once per answer. */
    private List<float[]> embedParts(List<String> parts, Map<String, float[]> cache) {
        List<String> unseen = parts.stream().filter(part -> !cache.containsKey(part)).distinct().toList();
        List<float[]> embedded = encoder.embed(unseen);
        for (int p = 0; p < unseen.size(); p++) {
            cache.put(unseen.get(p), embedded.get(p));
        }
        return parts.stream().map(cache::get).toList();
    }

    /**
     * The answer asserts the misconception when its vector is close to the claim ({@link #closeToFlag})
     * and its words assert it ({@link #assertsInWords}); the two are read apart so that a part of a
     * compound sentence is embedded only when its words could assert the claim.
     */
    private static boolean closeToFlag(RubricModel.Flag flag, float[] vector, RubricModel model) {
        double sim = SentenceEncoder.cosine(flag.vector(), vector);
        if (sim < FLAG_SIMILARITY) {
            return false;
        }
        double bestPoint = 0;
        for (RubricModel.Point p : model.points) {
            for (RubricModel.Anchor a : p.anchors()) {
                bestPoint = Math.max(bestPoint, SentenceEncoder.cosine(a.vector(), vector));
            }
        }
        return sim >= bestPoint + FLAG_MARGIN;
    }

    /**
     * The words assert the misconception: not reported as one, the same polarity as the claim, the
     * quantifiers it rests on, none of its words turned into their opposite, and one of its distinctive words.
     */
    private static boolean assertsInWords(RubricModel.Flag flag, String sentence) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        if (HEDGED.matcher(lower).find()) {
            return false;
        }
        // So does a clause that denies it in so many words: in "the weights are never changed, and there is
        // no need to retrain anything when a document changes" the clause that shares most words with
        // "retrains the model's weights" is the one about the document. (A clause without a negation can
        // differ from a claim of removal by a shared word only: "add a length penalty" against "removing the
        // KL penalty".)
        String best = Polarity.bestClause(flag.claim(), sentence);
        if (Polarity.contradicts(flag.claim(), true, best)) {
            return false;
        }
        for (String clause : Polarity.claims(sentence)) {
            if (Polarity.hasNegation(clause) && Polarity.contradicts(flag.claim(), true, clause)) {
                return false;
            }
        }
        // A quantifier the claim rests on ("always", "exactly", "at most") must be asserted too, and no
        // word may turn it into its opposite ("the same vector" against "a different vector").
        String claim = flag.claim().toLowerCase(Locale.ROOT);
        for (Pattern quantifier : QUANTIFIER_CLASSES) {
            if (quantifier.matcher(claim).find() && !quantifier.matcher(lower).find()) {
                return false;
            }
        }
        List<String> claimWords = LexicalText.words(claim);
        List<String> sentenceWords = LexicalText.words(lower);
        for (String[] pair : OPPOSITES) {
            for (int side = 0; side < 2; side++) {
                String said = pair[side];
                String opposite = pair[1 - side];
                if (claimWords.contains(said) && !claimWords.contains(opposite) && sentenceWords.contains(opposite)
                        && !sentenceWords.contains(said)) {
                    return false;
                }
            }
        }
        List<String> stems = LexicalText.stems(sentence);
        List<String> words = LexicalText.words(sentence);
        int hits = 0;
        for (String d : flag.distinctive()) {
            if (containsWord(stems, words, d)) {
                hits++;
            }
        }
        return flag.distinctive().isEmpty() || hits >= 1;
    }

    /** Sentence structure: enough words, some function words, and a verb; a list of terms has neither. */
    static boolean structured(String sentence) {
        List<String> words = LexicalText.words(sentence);
        if (words.size() < 4) {
            return false;
        }
        int function = 0;
        boolean verb = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (FUNCTION_WORDS.contains(w)) {
                function++;
            }
            if (VERB_CUES.contains(w) || w.endsWith("n't") || (i > 0 && w.length() > 4 && (w.endsWith("ed") || w.endsWith("es")))) {
                verb = true;
            }
            // "RAG retrains the model", "by using an index": a verb form followed by its object.
            if (i > 0 && i + 1 < words.size() && w.length() > 3 && (w.endsWith("s") || w.endsWith("ing"))
                    && !w.endsWith("ss") && OBJECT_STARTS.contains(words.get(i + 1))) {
                verb = true;
            }
        }
        return verb && function >= 1 && (double) function / words.size() >= 0.12;
    }

    /** Words that speak of the question itself ("so the question is what these limits are"): they add nothing to it. */
    private static final Set<String> ABOUT_THE_QUESTION = Set.of("question", "questions", "ask", "asks", "asked", "asking",
            "topic").stream().map(LexicalText::stem).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** Words that carry no claim of their own ("they compare differently in each of these situations"). */
    private static final Set<String> GENERIC = Set.of("overall", "differ", "differs", "differently", "different",
            "difference", "differences", "situation", "situations", "case", "cases", "aspect", "aspects", "factor", "factors",
            "thing", "things", "way", "ways", "respect", "respects", "various", "several", "certain", "particular", "general",
            "generally", "specific", "main", "important", "really", "actually", "basically", "essentially", "term", "terms",
            "matter", "matters", "depend", "depends", "depending", "come", "comes", "mean", "means", "role", "play", "plays",
            "involve", "involves", "affect", "affects", "impact", "impacts").stream().map(LexicalText::stem)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * An echo: hardly a content word that the question (or talk of the question, or a word that makes no
     * claim of its own) does not already contain.
     */
    static boolean echo(String sentence, Set<String> promptStems) {
        List<String> content = LexicalText.contentStems(sentence);
        if (content.isEmpty()) {
            return true;
        }
        int novel = 0;
        for (String c : content) {
            boolean inPrompt = promptStems.contains(c) || ABOUT_THE_QUESTION.contains(c) || GENERIC.contains(c);
            if (!inPrompt && c.length() >= 5) {
                for (String p : promptStems) {
                    if (Fuzzy.sameWord(p, c)) {
                        inPrompt = true;
                        break;
                    }
                }
            }
            if (!inPrompt) {
                novel++;
            }
        }
        return (double) novel / content.size() < ECHO_NOVELTY;
    }

    private static int countReasoning(String text) {
        var m = REASONING.matcher(text.toLowerCase(Locale.ROOT));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static int scale(double fraction, int max) {
        if (fraction >= 0.85) {
            return max;
        }
        return Math.max(0, Math.min(max, (int) Math.floor(fraction * max + 0.25)));
    }

    private static List<CriterionVerdict> criteria(Rubric rubric, RubricModel model, List<Match> matches, double coverage,
            List<String> redFlags, List<String> contradicted, int sentences, int words, int allWords, int reasoning,
            Feedback feedback, boolean wrongOverall, int againstClaims, int alignedClaims, int wrongClaims) {
        List<CriterionVerdict> out = new ArrayList<>();
        int expectedReasons = Math.max(0, (model.points.size() - 1) / 2);
        for (Rubric.Criterion c : rubric.criteria()) {
            int max = c.maxLevel();
            int byCoverage = scale(coverage, max);
            int level;
            String why;
            switch (c.id()) {
                case "accuracy" -> {
                    level = coverage == 0 ? 0 : Math.min(max, byCoverage + 1);
                    level -= redFlags.size() + (contradicted.isEmpty() && wrongClaims == 0 ? 0 : 1);
                    why = feedback.accuracy(matches, redFlags, contradicted, wrongClaims);
                    if (wrongOverall) {
                        why = String.format(Locale.ROOT, "%d of the %d statements about the topic contradict the reference"
                                + " answer, so none of them counts as evidence. %s", againstClaims, alignedClaims, why);
                    }
                }
                case "completeness" -> {
                    level = byCoverage;
                    why = feedback.completeness(matches);
                }
                case "clarity" -> {
                    int structure = clarity(sentences, words, allWords, max);
                    level = coverage == 0 ? 0 : Math.min(structure, byCoverage + 1);
                    if (wrongOverall) {
                        level = Math.min(structure, 1); // written as an answer, but wrong
                    }
                    why = feedback.clarity(sentences, words, allWords);
                }
                case "depth" -> {
                    int byReasons = expectedReasons == 0 ? max : Math.min(max, (int) Math.floor((double) max * reasoning / (expectedReasons + 1)));
                    level = Math.min(byCoverage, Math.max(byReasons, byCoverage - 1));
                    if (expectedReasons > 0 && reasoning == 0) {
                        level = Math.min(level, Math.max(0, max - 2));
                    }
                    why = feedback.depth(reasoning, level, max);
                }
                default -> {
                    level = byCoverage;
                    why = feedback.completeness(matches);
                }
            }
            out.add(new CriterionVerdict(c.id(), Math.max(0, Math.min(max, level)), why));
        }
        return out;
    }

    private static int clarity(int sentences, int words, int allWords, int max) {
        if (words < 6 || sentences == 0) {
            return 0;
        }
        double structuredShare = allWords == 0 ? 0 : (double) words / allWords;
        double avg = (double) words / sentences;
        int level = 1;
        if (structuredShare >= 0.6 && words >= 12) {
            level = 2;
        }
        if (level == 2 && avg <= 32 && structuredShare >= 0.85) {
            level = 3;
        }
        return Math.min(max, level);
    }
}
