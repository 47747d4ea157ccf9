package dev.viva.grader.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Tokens, stems and sentences for the local grader: small, deterministic, English only. */
public final class LexicalText {

    public static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
            "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those",
            "which", "who", "what", "when", "where", "how", "why", "than", "then", "so", "such", "can", "could",
            "should", "would", "will", "may", "might", "must", "do", "does", "did", "has", "have", "had", "i", "you",
            "we", "they", "he", "she", "them", "their", "our", "your", "my", "me", "us", "if", "into", "about",
            "also", "each", "every", "both", "some", "any", "more", "most", "very", "just", "only", "one", "there",
            "here", "other", "own", "same", "up", "out", "over", "while", "because", "via", "per", "not",
            "no", "yes", "all", "between", "through", "answer", "good", "says", "say", "explain", "explains",
            "mention", "mentions", "describe", "describes", "names", "name", "state", "states", "claim", "claims",
            "believe", "believes", "assume", "assumes", "think", "thinks", "confuse", "confuses", "suggest",
            "suggests", "treat", "treats", "candidate");

    public static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "neither", "nor", "cannot",
            "isn't", "aren't", "doesn't", "don't", "didn't", "won't", "can't", "wasn't", "weren't", "shouldn't",
            "nothing", "none");

    private LexicalText() {
    }

    /**
     * Lower-case words (runs of letters, digits, {@code '}, {@code +} and {@code #}), with apostrophes kept
     * inside a word so that negations survive and trimmed at its ends. A plain scan, not a regular
     * expression: the grader splits every sentence many times.
     */
    public static List<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int n = lower.length();
        int i = 0;
        while (i < n) {
            while (i < n && !wordChar(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && wordChar(lower.charAt(i))) {
                i++;
            }
            int end = i;
            while (start < end && apostrophe(lower.charAt(start))) {
                start++;
            }
            while (end > start && apostrophe(lower.charAt(end - 1))) {
                end--;
            }
            if (end > start) {
                String w = lower.substring(start, end);
                out.add(w.indexOf('\u2019') >= 0 ? w.replace('\u2019', '\'') : w);
            }
        }
        return out;
    }

    private static boolean wordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '#' || apostrophe(c);
    }

    private static boolean apostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    /** A light suffix stripper: enough to match "retrieves", "retrieval" and "retrieving". */
    public static String stem(String word) {
        String cached = STEMS.get(word);
        if (cached != null) {
            return cached;
        }
        String stem = stripSuffix(word);
        if (STEMS.size() < STEM_CACHE) {
            STEMS.put(word, stem);
        }
        return stem;
    }

    /** Stems of words seen before: answers reuse a small vocabulary, and each is stemmed many times. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> STEMS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int STEM_CACHE = 100_000;

    private static String stripSuffix(String word) {
        String w = word;
        if (w.length() <= 3 || NEGATIONS.contains(w)) {
            return w;
        }
        if (w.endsWith("'s")) {
            w = w.substring(0, w.length() - 2);
        }
        String[] suffixes = {"ational", "ization", "isation", "fulness", "ousness", "iveness", "ations", "ation",
                "ments", "ment", "ness", "ities", "ity", "ings", "ing", "ives", "ive", "ally", "ies", "ied", "ers",
                "er", "est", "ed", "ly", "al", "es", "s", "e"};
        for (String suffix : suffixes) {
            if (w.endsWith(suffix) && w.length() - suffix.length() >= 3) {
                w = w.substring(0, w.length() - suffix.length());
                break;
            }
        }
        if (w.length() > 3 && w.charAt(w.length() - 1) == w.charAt(w.length() - 2)
                && "bdfglmnprt".indexOf(w.charAt(w.length() - 1)) >= 0) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    public static List<String> stems(String text) {
        List<String> out = new ArrayList<>();
        for (String w : words(text)) {
            out.add(stem(w));
        }
        return out;
    }

    public static List<String> contentStems(String text) {
        List<String> out = new ArrayList<>();
        for (String w : words(text)) {
            if (!STOPWORDS.contains(w) && !NEGATIONS.contains(w) && w.length() > 1) {
                String s = stem(w);
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?;])\\s+|\\n+|\\s+-\\s+(?=[A-Z])");
    private static final Pattern LIST_MARKER = Pattern.compile("^[-*\\u2022\\d.)\\s]+");

    /** Sentences (and list items), trimmed, in order. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_BREAK.split(text)) {
            String t = LIST_MARKER.matcher(s.strip()).replaceFirst("").strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
