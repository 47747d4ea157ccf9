package dev.viva.grader.llm.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.viva.grader.llm.LexicalText;

/**
 * Whether two statements say the same thing about the words they share, or one denies what the other
 * asserts. Sentence embeddings barely see negation ("uses a KL penalty" and "removes the KL penalty"
 * lie close together), so polarity is read from the words: a negation ("not", "no", "never",
 * "without", "n't", "un-"...) covers the next few words of its clause; in an answer, "remove", "drop",
 * "instead of" and "rather than" also deny what follows. Two statements contradict each other when
 * more of their shared words are denied by only one of them than by both, so a correct negative
 * statement ("there is no predetermined length") still matches a negative key point, and "does not
 * change the weights" still matches "leaves the weights unchanged".
 */
public final class Polarity {

    static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "neither", "nor", "cannot", "none",
            "nothing", "nobody", "nowhere", "lack", "lacks", "lacking", "absent", "rarely", "seldom", "hardly");
    /** Deny what follows only in an answer: in a rubric they describe the subject ("pruning removes weights"). */
    static final Set<String> REMOVALS = Set.of("remove", "removes", "removing", "removed", "drop", "drops", "dropping",
            "dropped", "eliminate", "eliminates", "eliminating", "disable", "disables", "disabling", "skip", "skips",
            "skipping", "abandon", "abandons", "discard", "discards");
    static final Set<String> CLAUSE_BREAKS = Set.of("but", "while", "whereas", "although", "though", "however", "so",
            "because", "which", "since", "unlike", "instead", "yet", "then", "whilst");
    private static final Set<String> PASSIVE = Set.of("is", "are", "was", "were", "be", "been", "being", "gets", "get", "got");
    private static final int SCOPE = 4;

    private Polarity() {
    }

    /** A token of a statement: its stem and whether the statement denies it. */
    record Token(String word, String stem, boolean denied) {
    }

    private static final Pattern UN_ADJECTIVE = Pattern.compile("(ed|able|ible|wn|en|ear|ain|ure|ble|ful|ive|ic|al)$");

    /**
     * For each of a text's words ({@link LexicalText#words}), whether the text denies it: "no iterative
     * denoising is needed" denies "iterative" and "denoising". Removal verbs deny too, as in an answer.
     */
    public static boolean[] denials(List<String> words) {
        return scan(words, true).denied();
    }

    private record Scan(List<String> surface, List<String> stems, boolean[] denied, boolean[] unknown) {
    }

    /** Tokens of a clause with their polarity; {@code answerSide} turns on the removal verbs. */
    static List<Token> tokens(String text, boolean answerSide) {
        List<String> words = LexicalText.words(text);
        Scan scan = scan(words, answerSide);
        List<String> surface = scan.surface();
        List<String> stems = scan.stems();
        boolean[] denied = scan.denied();
        boolean[] unknown = scan.unknown();
        List<Token> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            String w = surface.get(i);
            if (LexicalText.STOPWORDS.contains(w) || NEGATIONS.contains(w) || REMOVALS.contains(w) || w.length() < 2
                    || unknown[i]) {
                continue;
            }
            out.add(new Token(w, stems.get(i), denied[i]));
        }
        return out;
    }

    private static Scan scan(List<String> words, boolean answerSide) {
        boolean[] denied = new boolean[words.size()];
        boolean[] unknown = new boolean[words.size()];
        List<String> stems = new ArrayList<>(words.size());
        List<String> surface = new ArrayList<>(words.size());
        for (String w : words) {
            String plain = w;
            if (w.startsWith("un") && w.length() >= 7 && !w.startsWith("under") && !w.startsWith("uni") && !w.startsWith("until")
                    && UN_ADJECTIVE.matcher(w).find()) {
                plain = w.substring(2);
            }
            surface.add(plain);
            stems.add(LexicalText.stem(plain));
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            boolean negation = isNegation(w);
            boolean removal = REMOVALS.contains(w);
            if (w.startsWith("un") && !surface.get(i).equals(w)) {
                denied[i] ^= true; // "unchanged" denies "changed"
                continue;
            }
            if (negation && i + 1 < words.size() && Set.of("only", "just", "merely", "longer").contains(words.get(i + 1))) {
                continue; // "not only", "not just": no denial
            }
            boolean instead = (w.equals("instead") && i + 1 < words.size() && words.get(i + 1).equals("of"))
                    || (w.equals("rather") && i + 1 < words.size() && words.get(i + 1).equals("than"));
            if (!negation && !removal && !instead) {
                continue;
            }
            if (removal && !answerSide) {
                mark(unknown, words, i + 1);
                if (i > 0 && PASSIVE.contains(words.get(i - 1))) {
                    markBack(unknown, words, i - 2);
                }
                continue;
            }
            int from = instead ? i + 2 : i + 1;
            flip(denied, words, from);
            if (removal && i > 0 && PASSIVE.contains(words.get(i - 1))) {
                // "the KL penalty is removed": the denial covers what comes before.
                for (int j = i - 2, n = 0; j >= 0 && n < SCOPE && !CLAUSE_BREAKS.contains(words.get(j)); j--, n++) {
                    denied[j] ^= true;
                }
            }
        }
        return new Scan(surface, stems, denied, unknown);
    }

    private static void flip(boolean[] denied, List<String> words, int from) {
        for (int j = from, n = 0; j < words.size() && n < SCOPE; j++, n++) {
            if (CLAUSE_BREAKS.contains(words.get(j))) {
                break;
            }
            denied[j] ^= true;
        }
    }

    private static void mark(boolean[] unknown, List<String> words, int from) {
        for (int j = from, n = 0; j < words.size() && n < SCOPE; j++, n++) {
            if (CLAUSE_BREAKS.contains(words.get(j))) {
                break;
            }
            unknown[j] = true;
        }
    }

    private static void markBack(boolean[] unknown, List<String> words, int from) {
        for (int j = from, n = 0; j >= 0 && n < SCOPE && !CLAUSE_BREAKS.contains(words.get(j)); j--, n++) {
            unknown[j] = true;
        }
    }

    /**
     * True when the answer's clause denies what the rubric statement asserts, or asserts what it
     * denies, about the words they share.
     */
    public static boolean contradicts(String rubricStatement, String answerClause) {
        return contradicts(rubricStatement, false, answerClause);
    }

    /** As {@link #contradicts(String, String)}; a claim ("removing the KL penalty") reads removals as denials too. */
    public static boolean contradicts(String statement, boolean removalsDeny, String answerClause) {
        return contradicts(statement, removalsDeny, answerClause, true);
    }

    /** Polarity comparison with the removal verbs read as denials on either side or not. */
    public static boolean contradicts(String statement, boolean removalsDeny, String answerClause, boolean answerRemovalsDeny) {
        Map<String, Boolean> rubricDenied = statementPolarity(statement, removalsDeny);
        List<Token> a = tokens(answerClause, answerRemovalsDeny);
        int agree = 0;
        int disagree = 0;
        Set<String> seen = new java.util.HashSet<>();
        for (Token t : a) {
            Boolean rd = rubricDenied.get(t.stem());
            if (rd == null) {
                rd = fuzzyLookup(rubricDenied, t.word());
            }
            if (rd == null || !seen.add(t.stem())) {
                continue;
            }
            if (rd && t.denied()) {
                agree++;
            } else if (rd != t.denied()) {
                disagree++;
            }
        }
        return disagree > agree;
    }

    /** Rubric statements recur for every answer: their stems' polarity is kept in a bounded cache. */
    private static final Map<String, Map<String, Boolean>> STATEMENTS = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Boolean>> eldest) {
            return size() > 20_000;
        }
    };

    private static Map<String, Boolean> statementPolarity(String statement, boolean removalsDeny) {
        String key = (removalsDeny ? "1" : "0") + statement;
        synchronized (STATEMENTS) {
            Map<String, Boolean> cached = STATEMENTS.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Map<String, Boolean> denied = new HashMap<>();
        for (Token t : tokens(statement, removalsDeny)) {
            denied.merge(t.stem(), t.denied(), Boolean::logicalOr);
        }
        Map<String, Boolean> result = Map.copyOf(denied);
        synchronized (STATEMENTS) {
            STATEMENTS.put(key, result);
        }
        return result;
    }

    /**
     * True when every clause of the sentence that is about the statement (shares two of its content
     * words, or the one that shares most) contradicts it: "it is generated only when no constructor
     * exists; once you declare one, none is generated" agrees in its first clause.
     */
    public static boolean deniedInEveryClause(String statement, String sentence) {
        Set<String> target = new java.util.HashSet<>(LexicalText.contentStems(statement));
        boolean any = false;
        for (String c : clauses(sentence)) {
            int hits = 0;
            for (String s : LexicalText.contentStems(c)) {
                if (target.contains(s)) {
                    hits++;
                }
            }
            if (hits < 2) {
                continue;
            }
            any = true;
            if (!contradicts(statement, c)) {
                return false;
            }
        }
        return any ? true : contradicts(statement, bestClause(statement, sentence));
    }

    /**
     * True when a quote offered as evidence for a key point denies it: it contradicts the point in every
     * clause about it, and also every sentence of the reference answer that shares two content words
     * with it (a reference sentence that agrees shows the quote is a correct way of saying the point).
     */
    public static boolean deniesPoint(String keyPoint, String referenceAnswer, String quote) {
        if (!deniedInEveryClause(keyPoint, quote)) {
            return false;
        }
        if (referenceAnswer == null) {
            return true;
        }
        Set<String> quoteStems = new java.util.HashSet<>(LexicalText.contentStems(quote));
        for (String ref : LexicalText.sentences(referenceAnswer)) {
            int shared = 0;
            for (String s : LexicalText.contentStems(ref)) {
                if (quoteStems.contains(s)) {
                    shared++;
                }
            }
            if (shared >= 2 && !deniedInEveryClause(ref, quote)) {
                return false;
            }
        }
        return true;
    }

    /** True when some clause of the answer's sentence is denied relative to the statement; see {@link #contradicts}. */
    public static boolean sentenceContradicts(String rubricStatement, String answerSentence) {
        return contradicts(rubricStatement, bestClause(rubricStatement, answerSentence));
    }

    /** The clause of a sentence that shares most content words with the statement. */
    public static String bestClause(String statement, String sentence) {
        List<String> clauses = claims(sentence);
        if (clauses.size() == 1) {
            return sentence;
        }
        Set<String> target = new java.util.HashSet<>(LexicalText.contentStems(statement));
        String best = sentence;
        int bestHits = -1;
        for (String c : clauses) {
            int hits = 0;
            for (String s : LexicalText.contentStems(c)) {
                if (target.contains(s)) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                bestHits = hits;
                best = c;
            }
        }
        return best;
    }

    // "however long it grows" is one clause: "however" before a degree word means "no matter how".
    private static final String CLAUSE_SPLIT = "(?i)[,;:]\\s*(?=(but|while|whereas|although|though|so|which|since|and then|yet|unlike|however)\\b)"
            + "|(?i)\\s+(?=(but|whereas|although|however(?!\\s+(long|much|many|large|big|small|far|often|hard))|unlike)\\b)|;\\s*";
    private static final java.util.regex.Pattern CLAUSES = java.util.regex.Pattern.compile(CLAUSE_SPLIT);
    private static final java.util.regex.Pattern CLAIMS = java.util.regex.Pattern.compile(CLAUSE_SPLIT + "|,\\s+and\\s+(?=\\w+\\s+\\w+)");

    /** Clauses split at commas and semicolons before a conjunction, and at contrastive words. */
    public static List<String> clauses(String sentence) {
        return split(sentence, CLAUSES);
    }

    /** Clauses, also split at ", and": each part of a compound claim stands alone. */
    public static List<String> claims(String sentence) {
        return split(sentence, CLAIMS);
    }

    private static final java.util.regex.Pattern PARTS = java.util.regex.Pattern.compile(
            "(?i)[,;:]\\s*|\\s+(?=(because|since|so that|but|while|whereas|although|though|yet)\\b)");

    /** Finer than {@link #claims}: split at every comma, semicolon and colon, and before "because" and the contrastive words. */
    public static List<String> parts(String sentence) {
        return split(sentence, PARTS);
    }

    private static List<String> split(String sentence, java.util.regex.Pattern pattern) {
        List<String> out = new ArrayList<>();
        for (String c : pattern.split(sentence)) {
            if (!c.isBlank()) {
                out.add(c.strip());
            }
        }
        return out.isEmpty() ? List.of(sentence) : out;
    }

    private static Boolean fuzzyLookup(Map<String, Boolean> stems, String word) {
        if (word.length() < 5) {
            return null;
        }
        for (Map.Entry<String, Boolean> e : stems.entrySet()) {
            if (Fuzzy.sameWord(e.getKey(), LexicalText.stem(word))) {
                return e.getValue();
            }
        }
        return null;
    }

    /** True when the text contains any denial at all. */
    public static boolean hasNegation(String text) {
        for (String w : LexicalText.words(text)) {
            if (isNegation(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNegation(String word) {
        return NEGATIONS.contains(word) || word.endsWith("n't");
    }

    /** The clause denies something in its first two thirds: its claim, not a detail at its end. */
    public static boolean deniesEarly(String clause) {
        List<String> words = LexicalText.words(clause);
        for (int i = 0; 3 * i < 2 * words.size(); i++) {
            if (isNegation(words.get(i))) {
                return true;
            }
        }
        return false;
    }
}
