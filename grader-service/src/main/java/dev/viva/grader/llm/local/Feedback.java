package dev.viva.grader.llm.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.viva.grader.domain.Verdict;

/**
 * Feedback written to the candidate: what they got right (quoting them), for each missed or partial key
 * point what to add or sharpen, each misconception they stated, and a justification per criterion that
 * is about that criterion.
 */
final class Feedback {

    private static final int QUOTE = 110;

    private final RubricModel model;
    private final List<SemanticMatcher.Match> matches;
    private final List<String> redFlags;
    private final Map<String, String> flagQuotes;
    private final List<String> keywordSentences;
    private final List<String> echoes;
    private final boolean injection;

    Feedback(RubricModel model, List<SemanticMatcher.Match> matches, List<String> redFlags, Map<String, String> flagQuotes,
            List<String> keywordSentences, List<String> echoes, boolean injection) {
        this.model = model;
        this.matches = matches;
        this.redFlags = redFlags;
        this.flagQuotes = flagQuotes;
        this.keywordSentences = keywordSentences;
        this.echoes = echoes;
        this.injection = injection;
    }

    List<String> strengths() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < model.points.size(); k++) {
            SemanticMatcher.Match m = matches.get(k);
            if (m.verdict() == Verdict.COVERED && m.segment() != null) {
                out.add("You explained " + topic(k) + " well: \"" + quote(m.segment().quotes().get(0)) + "\"");
            }
        }
        return out;
    }

    List<String> improvements() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < model.points.size(); k++) {
            SemanticMatcher.Match m = matches.get(k);
            RubricModel.Point p = model.points.get(k);
            if (m.verdict() == Verdict.COVERED) {
                continue;
            }
            if (m.contradicted() && m.contradiction() != null) {
                out.add("On " + topic(k) + " you wrote \"" + quote(m.contradiction()) + "\", which says the opposite of what holds: "
                        + lowerFirst(p.statement()) + terminal(p.statement()));
            } else if (m.verdict() == Verdict.PARTIAL && m.segment() != null) {
                out.add("On " + topic(k) + " you are on the right track with \"" + quote(m.segment().quotes().get(0))
                        + "\"; make it precise: " + advice(p.keyPoint().text()));
            } else {
                out.add((p.keyPoint().required() ? "The answer needs " : "You could add ") + topic(k) + ": "
                        + advice(p.keyPoint().text()));
            }
        }
        for (String id : redFlags) {
            RubricModel.Flag flag = model.flags.stream().filter(f -> f.redFlag().id().equals(id)).findFirst().orElseThrow();
            out.add("Check this claim: \"" + quote(flagQuotes.get(id)) + "\". It is a misconception that "
                    + lowerFirst(flag.claim()) + terminal(flag.claim()));
        }
        if (!keywordSentences.isEmpty()) {
            out.add("Write in full sentences: a list of terms such as \"" + quote(keywordSentences.get(0))
                    + "\" does not show how the ideas connect, so it earns no credit.");
        }
        if (!echoes.isEmpty()) {
            out.add("Repeating the question (\"" + quote(echoes.get(0)) + "\") does not answer it; say what is true and why.");
        }
        if (injection) {
            out.add("Instructions to the grader are ignored and earn no credit.");
        }
        return out;
    }

    String accuracy(List<SemanticMatcher.Match> ms, List<String> flags, List<String> contradicted, int wrongClaims) {
        long stated = ms.stream().filter(m -> m.verdict() != Verdict.MISSING).count();
        StringBuilder sb = new StringBuilder();
        sb.append(stated == 0 ? "No statement matches a key idea of the question"
                : "States " + stated + " of " + ms.size() + " key ideas in a form that matches the reference");
        if (!contradicted.isEmpty()) {
            sb.append("; contradicts the correct account of ").append(String.join(", ", contradicted.stream().map(Feedback::humanize).toList()));
        }
        if (wrongClaims > 0) {
            sb.append("; ").append(wrongClaims == 1 ? "1 statement contradicts" : wrongClaims + " statements contradict")
                    .append(" the reference answer");
        }
        if (!flags.isEmpty()) {
            sb.append("; asserts ").append(flags.size() == 1 ? "a misconception" : flags.size() + " misconceptions");
        }
        return sb.append('.').toString();
    }

    String completeness(List<SemanticMatcher.Match> ms) {
        List<String> covered = new ArrayList<>();
        List<String> partial = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < ms.size(); k++) {
            switch (ms.get(k).verdict()) {
                case COVERED -> covered.add(topic(k));
                case PARTIAL -> partial.add(topic(k));
                default -> missing.add(topic(k));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(covered.isEmpty() ? "Covers none of the expected points fully" : "Covers " + String.join(", ", covered));
        if (!partial.isEmpty()) {
            sb.append("; touches on ").append(String.join(", ", partial));
        }
        if (!missing.isEmpty()) {
            sb.append("; leaves out ").append(String.join(", ", missing));
        }
        return sb.append('.').toString();
    }

    String clarity(int sentences, int words, int allWords) {
        if (sentences == 0) {
            return allWords == 0 ? "Empty answer." : "No full sentence that addresses the question.";
        }
        String s = sentences == 1 ? String.format(Locale.ROOT, "1 sentence of %d words", words)
                : String.format(Locale.ROOT, "%d sentences of about %d words each", sentences, Math.round((double) words / sentences));
        if (allWords > words) {
            s += String.format(Locale.ROOT, "; %d%% of the text is fragments, repetition of the question or instructions",
                    Math.round(100.0 * (allWords - words) / allWords));
        }
        return s + ".";
    }

    String depth(int reasoning, int level, int max) {
        if (reasoning == 0) {
            return "States facts without reasons, examples or trade-offs.";
        }
        return String.format(Locale.ROOT, "Gives %d reason%s, example%s or trade-off%s%s.", reasoning, reasoning == 1 ? "" : "s",
                reasoning == 1 ? "" : "s", reasoning == 1 ? "" : "s", level >= max ? "" : "; explain why more of the points hold");
    }

    /** A readable name for a key point: its id when that says something, else its opening words. */
    private String topic(int k) {
        RubricModel.Point p = model.points.get(k);
        String id = p.keyPoint().id();
        if (id.contains("-") && id.length() >= 8) {
            return humanize(id);
        }
        String[] words = p.statement().split("\\s+");
        if (words.length <= 6) {
            return "\"" + p.statement().replaceAll("[.]$", "") + "\"";
        }
        return "\"" + String.join(" ", java.util.Arrays.copyOf(words, 6)).replaceAll("[,;:]$", "") + " …\"";
    }

    static String humanize(String id) {
        return id.replace('-', ' ').replace('_', ' ');
    }

    /** A rubric line turned into advice: "Names options such as X" becomes "name options such as X". */
    static String advice(String text) {
        String t = text.strip();
        int space = t.indexOf(' ');
        String first = space > 0 ? t.substring(0, space).toLowerCase(Locale.ROOT) : "";
        String rest = space > 0 ? t.substring(space + 1) : t;
        String out;
        if (RubricModel.META_VERBS.contains(first)) {
            out = base(first) + " " + rest;
        } else {
            out = "explain that " + lowerFirst(t);
        }
        return out + terminal(out);
    }

    private static String base(String verb) {
        if (verb.endsWith("ies")) {
            return verb.substring(0, verb.length() - 3) + "y";
        }
        if (verb.endsWith("sses") || verb.endsWith("shes") || verb.endsWith("ches") || verb.endsWith("xes")) {
            return verb.substring(0, verb.length() - 2);
        }
        return verb.endsWith("s") ? verb.substring(0, verb.length() - 1) : verb;
    }

    private static String lowerFirst(String s) {
        if (s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1)))) {
            return s; // keep acronyms: "RAG", "KL"
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String terminal(String s) {
        return s.endsWith(".") ? "" : ".";
    }

    private static String quote(String s) {
        String t = s.strip();
        return t.length() <= QUOTE ? t : t.substring(0, t.lastIndexOf(' ', QUOTE) > 40 ? t.lastIndexOf(' ', QUOTE) : QUOTE) + " …";
    }
}
