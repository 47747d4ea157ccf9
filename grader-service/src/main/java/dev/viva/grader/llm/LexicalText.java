package dev.viva.grader.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /** Lower-case words, with apostrophes kept so that negations survive. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').split("[^a-z0-9'+#]+")) {
            String t = w.replaceAll("^'+|'+$", "");
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** A light suffix stripper: enough to match "retrieves", "retrieval" and "retrieving". */
    public static String stem(String word) {
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

    /** Sentences (and list items), trimmed, in order. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("(?<=[.!?;])\\s+|\\n+|\\s+-\\s+(?=[A-Z])")) {
            String t = s.strip().replaceAll("^[-*\\u2022\\d.)\\s]+", "").strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
