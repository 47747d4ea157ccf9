package dev.viva.grader.llm.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.viva.grader.domain.Rubric;
import dev.viva.grader.llm.LexicalText;

/**
 * What the local grader compares an answer with, computed once per rubric version: each key point's
 * statement and the reference answer's sentences that say the same thing (its anchors), the words the
 * question already supplies (which earn nothing), and each red flag's claim without its rubric verb.
 */
final class RubricModel {

    /** Rubric verbs that describe what a good answer does ("Names ...", "Uses ..."), not what is true. */
    static final Set<String> META_VERBS = Set.of("uses", "names", "mentions", "gives", "measures", "identifies",
            "explains", "adds", "keeps", "distinguishes", "evaluates", "builds", "recognises", "recognizes", "runs",
            "defines", "covers", "knows", "puts", "separates", "grounds", "allows", "considers", "weighs", "treats",
            "requires", "computes", "validates", "proposes", "handles", "documents", "verifies", "chooses", "makes",
            "tracks", "notes", "splits", "attaches", "offers", "checks", "includes", "warns", "decomposes", "reports",
            "calibrates", "monitors", "plans", "tests", "breaks", "traces", "repairs", "decides", "compares",
            "addresses", "starts", "sets", "counts", "applies", "tunes", "routes", "retries", "avoids", "reduces",
            "accounts", "works", "selects", "strengthens", "improves", "mixes", "describes", "states", "says",
            "suggests", "claims", "argues", "believes", "assumes", "confuses", "recommends", "relies", "asserts",
            "swaps", "estimates", "filters", "ranks", "reads", "tells");
    private static final Pattern FLAG_PREFIX = Pattern.compile(
            "(?i)^(says|claims|states|asserts|argues|believes|assumes|suggests|recommends|proposes|describes|treats|confuses|relies( only)? on|uses|decides from|tells raters|ranks|reads|estimates|filters)\\b\\s*(that\\s+)?");

    /** A text the answer is compared with, its vector, and its words and content stems (read once per rubric). */
    record Anchor(String text, float[] vector, List<String> contentStems, List<String> words) {
        Anchor(String text, float[] vector) {
            this(text, vector, LexicalText.contentStems(text), LexicalText.words(text));
        }
    }

    /** A key point; {@code affirmative} when its statement denies nothing (read once per rubric). */
    record Point(Rubric.KeyPoint keyPoint, String statement, boolean affirmative, List<Anchor> anchors,
            List<String> distinctive, List<List<String>> terms, String subject) {
    }

    record Flag(Rubric.RedFlag redFlag, String claim, float[] vector, List<String> distinctive) {
    }

    final Set<String> promptStems;
    final Set<String> entities;
    final float[] promptVector;
    final List<Point> points;
    final List<Flag> flags;
    final List<Anchor> reference;
    final float[] referenceCentroid;
    final List<Consistency.Fact> facts;

    RubricModel(Rubric rubric, SentenceEncoder encoder) {
        String prompt = rubric.prompt() == null ? "" : rubric.prompt();
        this.promptStems = new HashSet<>(LexicalText.contentStems(prompt));
        this.promptVector = encoder.embedCached(prompt);

        List<String> refSentences = rubric.referenceAnswer() == null ? List.of()
                : LexicalText.sentences(rubric.referenceAnswer());
        List<Anchor> ref = new ArrayList<>();
        for (String s : refSentences) {
            ref.add(new Anchor(s, encoder.embedCached(s)));
        }
        this.reference = ref;
        this.referenceCentroid = ref.isEmpty() ? null : SemanticMatcher.centroid(ref.stream().map(Anchor::vector).toList());

        List<String> statements = rubric.keyPoints().stream().map(kp -> statement(kp.text())).toList();
        List<float[]> kpVectors = statements.stream().map(encoder::embedCached).toList();
        // Each reference sentence becomes an anchor of the key point it is closest to, when it is close.
        Map<Integer, List<Anchor>> assigned = new LinkedHashMap<>();
        for (Anchor a : ref) {
            int best = -1;
            double bestSim = 0;
            for (int k = 0; k < kpVectors.size(); k++) {
                double sim = SentenceEncoder.cosine(a.vector(), kpVectors.get(k));
                if (sim > bestSim) {
                    bestSim = sim;
                    best = k;
                }
            }
            if (best >= 0 && bestSim >= 0.5) {
                assigned.computeIfAbsent(best, x -> new ArrayList<>()).add(a);
            }
        }
        List<Point> pts = new ArrayList<>();
        for (int k = 0; k < rubric.keyPoints().size(); k++) {
            Rubric.KeyPoint kp = rubric.keyPoints().get(k);
            List<Anchor> anchors = new ArrayList<>();
            anchors.add(new Anchor(statements.get(k), kpVectors.get(k)));
            anchors.addAll(assigned.getOrDefault(k, List.of()));
            List<String> distinctive = new ArrayList<>();
            for (String s : LexicalText.contentStems(statements.get(k))) {
                if (!promptStems.contains(s) && !META_VERBS.contains(s)) {
                    distinctive.add(s);
                }
            }
            List<List<String>> terms = new ArrayList<>();
            for (String t : kp.terms()) {
                List<String> stems = LexicalText.stems(t);
                if (!stems.isEmpty() && !promptStems.containsAll(stems)) {
                    terms.add(stems);
                }
            }
            pts.add(new Point(kp, statements.get(k), !Polarity.hasNegation(statements.get(k)), anchors, distinctive, terms, null));
        }
        // The things the question contrasts ("pruning" and "distillation", "BLEU" and "ROUGE"): the
        // subjects of key points that the question itself names. A clause about one of them is no
        // evidence for a point about another.
        Set<String> subjects = new HashSet<>();
        List<String> subjectOf = new ArrayList<>();
        for (Point p : pts) {
            String subj = subject(p.statement());
            subjectOf.add(subj != null && promptStems.contains(subj) ? subj : null);
        }
        for (String subj : subjectOf) {
            if (subj != null) {
                subjects.add(subj);
            }
        }
        List<Point> withSubjects = new ArrayList<>();
        for (int k = 0; k < pts.size(); k++) {
            Point p = pts.get(k);
            withSubjects.add(new Point(p.keyPoint(), p.statement(), p.affirmative(), p.anchors(), p.distinctive(), p.terms(),
                    subjects.size() >= 2 ? subjectOf.get(k) : null));
        }
        this.points = withSubjects;
        this.entities = subjects.size() >= 2 ? subjects : Set.of();

        List<Flag> fl = new ArrayList<>();
        for (Rubric.RedFlag f : rubric.redFlags()) {
            String claim = claim(f.text());
            List<String> distinctive = new ArrayList<>();
            for (String s : LexicalText.contentStems(claim)) {
                if (!promptStems.contains(s)) {
                    distinctive.add(s);
                }
            }
            fl.add(new Flag(f, claim, encoder.embedCached(claim), distinctive));
        }
        this.flags = fl;
        List<String> statements2 = new ArrayList<>(refSentences);
        statements2.addAll(statements);
        this.facts = Consistency.facts(statements2);
    }

    /** The first content word of a statement, stemmed: its grammatical subject in most rubric lines. */
    static String subject(String statement) {
        for (String w : LexicalText.words(statement)) {
            if (LexicalText.STOPWORDS.contains(w) || LexicalText.NEGATIONS.contains(w) || w.length() < 2) {
                continue;
            }
            return LexicalText.stem(w);
        }
        return null;
    }

    /** The key point as a statement: "Names realistic options such as X" becomes "realistic options such as X". */
    static String statement(String text) {
        String t = text.strip();
        int space = t.indexOf(' ');
        if (space > 0 && META_VERBS.contains(t.substring(0, space).toLowerCase(Locale.ROOT))) {
            return t.substring(space + 1);
        }
        return t;
    }

    /** The misconception itself: "Claims that the model always obeys X" becomes "the model always obeys X". */
    static String claim(String text) {
        String t = FLAG_PREFIX.matcher(text.strip()).replaceFirst("");
        return t.isBlank() ? text : t;
    }
}
