package dev.viva.grader.llm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.viva.grader.domain.GradeAttempt;
import dev.viva.grader.domain.GraderKind;
import dev.viva.grader.domain.GradingVerdicts;
import dev.viva.grader.domain.GradingVerdicts.CriterionVerdict;
import dev.viva.grader.domain.GradingVerdicts.KeyPointVerdict;
import dev.viva.grader.domain.Rubric;
import dev.viva.grader.domain.Verdict;

/**
 * Deterministic, offline grader used when no LLM is configured. It matches each key point's terms and
 * wording against the answer's sentences (stemmed, negation-aware), quotes the best sentence as
 * evidence, derives criteria levels from coverage, length and structure, spots red flags from their
 * wording, and flags instructions aimed at the grader, which earn nothing.
 */
public class LocalGrader implements Grader {

    public static final String MODEL = "viva-local-lexical-1";
    public static final String PROMPT_VERSION = "local-rules-v1";

    static final List<Pattern> INJECTION = List.of(
            Pattern.compile("\\b(ignore|disregard|forget|override)\\b[^.!?\\n]{0,40}\\b(instruction|instructions|rubric|rules|prompt|above|previous|prior|guidelines)\\b"),
            Pattern.compile("\\b(give|award|assign|grant)\\b[^.!?\\n]{0,30}\\b(full|maximum|max|perfect|top|100|highest)\\b[^.!?\\n]{0,20}\\b(marks|mark|points|score|grade|credit)\\b"),
            Pattern.compile("\\b(score|grade|rate|mark)\\b[^.!?\\n]{0,25}\\b(100|10/10|perfect|full marks)\\b"),
            // "system prompt" alone is a topic candidates discuss; only a claim to be or replace one is an attack.
            Pattern.compile("\\byou are now\\b|\\bact as\\b|\\bpretend (to be|you)\\b|\\bnew instructions\\b"
                    + "|\\b(new|updated|real|actual|override|overriding|this is the|here is the|reveal (your|the)) system prompt\\b"),
            Pattern.compile("\\bas (the|an?) (grader|evaluator|assistant|ai)\\b[^.!?\\n]{0,40}\\b(must|should|will)\\b"),
            Pattern.compile("</?\\s*(system|assistant|user|instructions?)\\s*>|\\[/?(system|inst)\\]|<\\|im_start\\|>|###\\s*(system|instruction)"),
            Pattern.compile("\\b(mark|set|flag)\\b[^.!?\\n]{0,20}\\b(all|every)\\b[^.!?\\n]{0,20}\\b(key points?|criteria)\\b[^.!?\\n]{0,20}\\b(covered|met|satisfied)\\b"));

    static final Pattern REASONING_MARKERS = Pattern.compile(
            "\\b(because|therefore|so that|trade-?offs?|however|whereas|instead|for example|e\\.g\\.|for instance|"
                    + "depends|in practice|measure|compared|unlike|limitation|downside|cost|risk|when|which means)\\b");

    @Override
    public GraderKind kind() {
        return GraderKind.LOCAL;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public String promptVersion() {
        return PROMPT_VERSION;
    }

    @Override
    public GradeAttempt grade(Rubric rubric, UUID answerId, String answer) {
        long start = System.nanoTime();
        GradingVerdicts verdicts = verdicts(rubric, answer);
        long took = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> sampling = new LinkedHashMap<>();
        sampling.put("deterministic", true);
        return new GradeAttempt(GraderKind.LOCAL, MODEL, PROMPT_VERSION, sampling, verdicts, null, null, 0, 0, 0, took, 1, null);
    }

    public GradingVerdicts verdicts(Rubric rubric, String answer) {
        List<String> sentences = LexicalText.sentences(answer);
        List<String> injected = new ArrayList<>();
        List<String> content = new ArrayList<>();
        for (String s : sentences) {
            if (isInjection(s)) {
                injected.add(s);
            } else {
                content.add(s);
            }
        }
        List<List<String>> sentenceStems = content.stream().map(LexicalText::stems).toList();

        List<KeyPointVerdict> kps = new ArrayList<>();
        double credit = 0;
        double weight = 0;
        List<String> strengths = new ArrayList<>();
        List<String> improvements = new ArrayList<>();
        for (Rubric.KeyPoint kp : rubric.keyPoints()) {
            Match best = bestMatch(kp, content, sentenceStems);
            Verdict verdict = best == null ? Verdict.MISSING : best.verdict();
            kps.add(new KeyPointVerdict(kp.id(), verdict,
                    verdict == Verdict.MISSING || best == null ? List.of() : List.of(best.sentence())));
            credit += kp.weight() * verdict.credit();
            weight += kp.weight();
            if (verdict == Verdict.COVERED) {
                strengths.add("Covers: " + kp.text());
            } else {
                improvements.add((verdict == Verdict.PARTIAL ? "Say more precisely: " : "Missing: ") + kp.text());
            }
        }
        double coverage = weight == 0 ? 0 : credit / weight;

        List<String> redFlags = new ArrayList<>();
        Set<String> promptStems = new HashSet<>(LexicalText.contentStems(rubric.prompt() == null ? "" : rubric.prompt()));
        for (Rubric.RedFlag flag : rubric.redFlags()) {
            if (hitsRedFlag(flag, promptStems, content, sentenceStems)) {
                redFlags.add(flag.id());
                improvements.add("Misconception: " + flag.text());
            }
        }

        String creditable = String.join(" ", content);
        int words = LexicalText.words(creditable).size();
        int reasoning = countMarkers(creditable);
        List<CriterionVerdict> criteria = new ArrayList<>();
        for (Rubric.Criterion c : rubric.criteria()) {
            int max = c.maxLevel();
            int level = switch (c.id()) {
                case "accuracy" -> scale(coverage, max) - (redFlags.isEmpty() ? 0 : 1);
                case "completeness" -> scale(coverage, max);
                case "clarity" -> Math.min(clarity(content, words, max), scale(coverage, max) + 1);
                case "depth" -> Math.min(Math.min(max, reasoning), scale(coverage, max));
                default -> scale(coverage, max);
            };
            level = Math.max(0, Math.min(max, level));
            criteria.add(new CriterionVerdict(c.id(), level, "coverage " + Math.round(coverage * 100) + "%, "
                    + words + " words, " + reasoning + " reasoning markers"));
        }
        boolean injection = !injected.isEmpty();
        if (injection) {
            improvements.add("Instructions to the grader are ignored and earn no credit.");
        }
        String reasoningText = "Lexical match of key point terms: coverage " + Math.round(coverage * 100) + "%"
                + (injection ? "; instructions aimed at the grader were found and ignored" : "");
        return new GradingVerdicts(reasoningText, kps, criteria, redFlags, injection, String.join(" ", injected),
                strengths, improvements);
    }

    static boolean isInjection(String sentence) {
        String s = sentence.toLowerCase(Locale.ROOT);
        for (Pattern p : INJECTION) {
            if (p.matcher(s).find()) {
                return true;
            }
        }
        return false;
    }

    private record Match(String sentence, Verdict verdict, double strength) {
    }

    private static Match bestMatch(Rubric.KeyPoint kp, List<String> sentences, List<List<String>> stems) {
        List<List<String>> terms = kp.terms().stream().map(LexicalText::stems).filter(t -> !t.isEmpty()).toList();
        List<String> textStems = LexicalText.contentStems(kp.text());
        Match best = null;
        int totalTermHits = 0;
        Set<Integer> hitTerms = new HashSet<>();
        for (int i = 0; i < sentences.size(); i++) {
            List<String> s = stems.get(i);
            int termHits = 0;
            for (int t = 0; t < terms.size(); t++) {
                if (containsPhrase(s, terms.get(t))) {
                    termHits++;
                    hitTerms.add(t);
                }
            }
            double overlap = overlap(textStems, s);
            double strength = termHits + 2 * overlap;
            if (strength > 0 && (best == null || strength > best.strength())) {
                Verdict v;
                if (termHits >= 2 || (termHits >= 1 && overlap >= 0.25) || overlap >= 0.6) {
                    v = Verdict.COVERED;
                } else if (termHits >= 1 || overlap >= 0.34) {
                    v = Verdict.PARTIAL;
                } else {
                    v = Verdict.MISSING;
                }
                best = new Match(sentences.get(i), v, strength);
            }
            totalTermHits += termHits;
        }
        // Terms spread across sentences still show the point, when several distinct ones appear.
        if (best != null && best.verdict() == Verdict.PARTIAL && hitTerms.size() >= 3) {
            best = new Match(best.sentence(), Verdict.COVERED, best.strength());
        }
        return best;
    }

    /** The phrase's stems occur in order and close together, and not right after a negation. */
    static boolean containsPhrase(List<String> sentence, List<String> phrase) {
        outer:
        for (int i = 0; i < sentence.size(); i++) {
            if (!sentence.get(i).equals(phrase.get(0))) {
                continue;
            }
            int at = i;
            for (int p = 1; p < phrase.size(); p++) {
                int next = -1;
                for (int j = at + 1; j < Math.min(sentence.size(), at + 3); j++) {
                    if (sentence.get(j).equals(phrase.get(p))) {
                        next = j;
                        break;
                    }
                }
                if (next < 0) {
                    continue outer;
                }
                at = next;
            }
            if (!negated(sentence, i)) {
                return true;
            }
        }
        return false;
    }

    static boolean negated(List<String> sentence, int index) {
        for (int j = Math.max(0, index - 3); j < index; j++) {
            String w = sentence.get(j);
            if (LexicalText.NEGATIONS.contains(w) || w.endsWith("n't")) {
                return true;
            }
        }
        return false;
    }

    private static double overlap(List<String> textStems, List<String> sentence) {
        if (textStems.isEmpty()) {
            return 0;
        }
        Set<String> s = new HashSet<>(sentence);
        int hits = 0;
        for (String t : textStems) {
            if (s.contains(t)) {
                hits++;
            }
        }
        return (double) hits / textStems.size();
    }

    /**
     * A sentence states a misconception when it shares most of the red flag's words, including at
     * least half of its distinctive ones (two thirds when fewer words are shared) (those the question itself does not use, such as "retrains"),
     * and is not a denial.
     */
    private static boolean hitsRedFlag(Rubric.RedFlag flag, Set<String> promptStems, List<String> sentences,
            List<List<String>> stems) {
        List<String> flagStems = LexicalText.contentStems(flag.text());
        // Opposites are often stopwords ("same", "more"), so they are looked for among all the words.
        List<String> flagWords = LexicalText.stems(flag.text());
        List<String[]> contradictions = ANTONYMS.stream()
                .filter(pair -> flagWords.contains(pair[0]) || flagWords.contains(pair[1]))
                .toList();
        List<String> distinctive = flagStems.stream().filter(w -> !promptStems.contains(w)).toList();
        if (flagStems.size() < 2 || distinctive.isEmpty()) {
            return false;
        }
        for (int i = 0; i < sentences.size(); i++) {
            List<String> s = stems.get(i);
            boolean hasNegation = s.stream().anyMatch(w -> LexicalText.NEGATIONS.contains(w) || w.endsWith("n't"));
            double d = overlap(distinctive, s);
            double all = overlap(flagStems, s);
            // the sentence's full stems are only needed for the few sentences that otherwise match
            if (!hasNegation && ((d >= 0.5 && all >= 0.6) || (d >= 0.65 && all >= 0.5))
                    && (contradictions.isEmpty() || !contradicts(flagWords, LexicalText.stems(sentences.get(i)), contradictions))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opposites that turn a misconception into the correct claim with most words shared: "the same vector
     * in every sentence" against "different vectors in different sentences". Stemmed like the text.
     */
    static final List<String[]> ANTONYMS = List.of(
            pair("same", "different"), pair("faster", "slower"), pair("more", "less"), pair("more", "fewer"),
            pair("increase", "decrease"), pair("increases", "decreases"), pair("higher", "lower"),
            pair("larger", "smaller"), pair("always", "rarely"), pair("static", "contextual"),
            pair("stable", "unstable"), pair("cheaper", "costlier"), pair("better", "worse"));

    private static String[] pair(String a, String b) {
        return new String[] {LexicalText.stem(a), LexicalText.stem(b)};
    }

    /** The sentence uses the opposite of a word the red flag's claim rests on ("the same word gets different vectors"). */
    private static boolean contradicts(List<String> flagWords, List<String> sentence, List<String[]> pairs) {
        for (String[] p : pairs) {
            for (int side = 0; side < 2; side++) {
                String claimed = p[side];
                String opposite = p[1 - side];
                if (flagWords.contains(claimed) && !flagWords.contains(opposite) && sentence.contains(opposite)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int countMarkers(String text) {
        var m = REASONING_MARKERS.matcher(text.toLowerCase(Locale.ROOT));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int scale(double fraction, int max) {
        if (fraction >= 0.8) {
            return max;
        }
        return (int) Math.floor(fraction * max + 0.25);
    }

    private static int clarity(List<String> sentences, int words, int max) {
        if (words < 8) {
            return 0;
        }
        double avg = sentences.isEmpty() ? words : (double) words / sentences.size();
        int level = 1;
        if (sentences.size() >= 2 && words >= 30) {
            level = 2;
        }
        if (level == 2 && avg <= 28 && words <= 400) {
            level = 3;
        }
        return Math.min(max, level);
    }
}
