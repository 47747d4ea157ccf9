package dev.viva.grader.llm.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.viva.grader.llm.LexicalText;

/**
 * Whether the answer's claims agree with what the rubric states, claim by claim. A confident wrong
 * answer uses the rubric's words, so it lies close to the key points in meaning; what gives it away is
 * how it relates those words. Each claim of an answer sentence (a clause, or a part of a compound
 * sentence) is aligned with the rubric facts it shares most content words with (the reference answer's
 * claims and the key points' statements). It contradicts a fact when it denies what the fact asserts or
 * asserts what it denies ({@link Polarity}), or when it uses the opposite of a word the fact uses (from
 * a general lexicon of opposites: quantity, direction, size, time, cost, sameness..., widened with WordNet's
 * antonyms) while sharing the rest, when it calls useless what the fact asserts ("auditing the data changes nothing"), or when it
 * gives one of the things the question contrasts what the fact says of another. A claim is contradicted
 * when more of its best-aligned facts contradict it than agree with it.
 *
 * <p>Nothing here knows a particular question: the facts come from the rubric, the lexicon is ordinary
 * English.
 */
public final class Consistency {

    /** Verbs that make something smaller, shorter or fewer, and those that make it larger. */
    static final List<String> DOWN = List.of("cut", "reduce", "lower", "decrease", "shrink", "shorten", "lessen", "halve",
            "drop", "save");
    static final List<String> UP = List.of("increase", "raise", "grow", "lengthen", "double", "inflate", "longer", "larger",
            "higher", "bigger", "slower");

    /**
     * Ordinary English opposites; each pair is read in both directions, on stems. Every word of {@link #DOWN}
     * is also the opposite of every word of {@link #UP}.
     */
    static final List<String[]> OPPOSITES;

    static {
        String[][] pairs = {
            {"same", "different"}, {"same", "separate"}, {"identical", "different"}, {"shared", "separate"},
            {"shared", "different"}, {"single", "different"}, {"single", "multiple"}, {"single", "many"}, {"once", "repeatedly"},
            {"fixed", "learned"}, {"fixed", "trainable"}, {"fixed", "variable"}, {"static", "dynamic"},
            {"static", "contextual"}, {"constant", "grows"}, {"constant", "varies"}, {"constant", "changes"},
            {"more", "less"}, {"more", "fewer"}, {"more", "save"}, {"high", "low"}, {"larger", "smaller"},
            {"large", "small"}, {"big", "small"}, {"bigger", "smaller"}, {"huge", "small"}, {"long", "short"},
            {"longer", "shorter"}, {"faster", "slower"}, {"fast", "slow"}, {"quick", "slow"}, {"cheap", "expensive"},
            {"cheap", "costly"}, {"cheaper", "costlier"}, {"early", "late"}, {"before", "after"}, {"first", "last"},
            {"input", "output"}, {"always", "sometimes"}, {"all", "some"}, {"closest", "farthest"},
            {"nearest", "farthest"}, {"smallest", "largest"}, {"close", "far"}, {"similar", "dissimilar"},
            {"exact", "approximate"}, {"exactly", "approximately"}, {"precise", "approximate"}, {"linear", "quadratic"},
            {"parallel", "sequential"}, {"parallel", "sequentially"}, {"concurrent", "sequential"},
            {"add", "remove"}, {"include", "exclude"}, {"stable", "unstable"}, {"safe", "unsafe"},
            {"supervised", "unsupervised"}, {"supervised", "self-supervised"}, {"labeled", "unlabeled"},
            {"labelled", "unlabelled"}, {"dense", "sparse"}, {"local", "global"}, {"explicit", "implicit"},
            {"online", "offline"}, {"synchronous", "asynchronous"}, {"deterministic", "random"}, {"clean", "noisy"},
            {"real", "fake"}, {"positive", "negative"}, {"maximize", "minimize"}, {"maximise", "minimise"},
            {"upper", "lower"}, {"wide", "narrow"}, {"broad", "narrow"}, {"deep", "shallow"}, {"easy", "hard"},
            {"simple", "complex"}, {"general", "specific"}, {"stale", "fresh"}, {"required", "optional"},
            {"necessary", "unnecessary"}, {"helps", "hurts"}, {"better", "worse"}, {"best", "worst"},
            {"improve", "degrade"}, {"improve", "worsen"}, {"strengthen", "weaken"}, {"strong", "weak"},
            {"stronger", "weaker"}, {"rare", "common"}, {"rare", "frequent"}, {"known", "unknown"},
            {"minimum", "maximum"}, {"accurate", "inaccurate"}, {"correct", "incorrect"}, {"true", "false"},
            {"inside", "outside"}, {"above", "below"}, {"start", "end"}, {"beginning", "end"},
            {"precision", "recall"}, {"symmetric", "asymmetric"}, {"sharper", "blurrier"}, {"sharp", "blurry"},
            {"private", "public"}, {"manual", "automatic"}, {"manually", "automatically"},
        };
        // On word forms, not stems: "fix" (repair) is no form of "fixed" (unchanging).
        List<String[]> forms = new ArrayList<>();
        // The direction of a change: any word that lowers something is the opposite of any that raises it.
        for (String down : DOWN) {
            for (String up : UP) {
                for (String a : inflections(down)) {
                    for (String b : inflections(up)) {
                        forms.add(new String[] {a, b});
                    }
                }
            }
        }
        for (String[] p : pairs) {
            for (String a : inflections(p[0])) {
                for (String b : inflections(p[1])) {
                    forms.add(new String[] {a, b});
                }
            }
        }
        OPPOSITES = List.copyOf(forms);
    }

    /** Where {@link #WORDNET_OPPOSITES} come from; {@code WordNetOppositesTest} writes it from WordNet itself. */
    static final String WORDNET_RESOURCE = "/local-grader/wordnet-opposites.tsv";

    /**
     * The direct antonyms of WordNet 3.1's adjectives, adverbs and verbs ("reliable" and "unreliable", "pull"
     * and "push", "cheap" and "expensive"), in their word forms and, for short adjectives, their comparatives
     * ("cheaper" and "more expensive" are not a pair, "cheaper" and "dearer" are). They widen the opposites a
     * claim is checked for beyond the list above, with a lexicon no labeled set was written for; unlike that
     * list, they do not keep a word out of the overlap that aligns a claim with a fact.
     */
    static final List<String[]> WORDNET_OPPOSITES = wordNetOpposites();

    private static List<String[]> wordNetOpposites() {
        List<String[]> forms = new ArrayList<>();
        try (InputStream in = Consistency.class.getResourceAsStream(WORDNET_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(WORDNET_RESOURCE + " is missing from the classpath");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                for (String a : inflections(f[1])) {
                    for (String b : inflections(f[2])) {
                        forms.add(new String[] {a, b});
                    }
                }
                if (f[0].equals("adjective")) {
                    List<String> x = comparatives(f[1]);
                    List<String> y = comparatives(f[2]);
                    for (int i = 0; i < x.size() && i < y.size(); i++) {
                        forms.add(new String[] {x.get(i), y.get(i)});
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(forms);
    }

    /** "cheaper" and "cheapest", "easier" and "easiest", "bigger", "larger": short adjectives only. */
    static List<String> comparatives(String w) {
        if (w.length() > 7 || w.contains("-")) {
            return List.of();
        }
        if (w.endsWith("y")) {
            String base = w.substring(0, w.length() - 1);
            return List.of(base + "ier", base + "iest");
        }
        if (w.endsWith("e")) {
            return List.of(w + "r", w + "st");
        }
        String base = doublesLastLetter(w) ? w + w.charAt(w.length() - 1) : w;
        return List.of(base + "er", base + "est");
    }

    /** "cut", "cutting", "big", "bigger": a short word ending consonant-vowel-consonant doubles its last letter. */
    private static boolean doublesLastLetter(String w) {
        return w.length() <= 4 && w.length() >= 3 && "aeiou".indexOf(w.charAt(w.length() - 2)) >= 0
                && "aeiouwxy".indexOf(w.charAt(w.length() - 1)) < 0 && "aeiou".indexOf(w.charAt(w.length() - 3)) < 0;
    }

    private static List<String> inflections(String w) {
        if (w.endsWith("ed") || w.endsWith("ly") || w.endsWith("er") || w.endsWith("est") || w.endsWith("al")) {
            return List.of(w);
        }
        if (w.endsWith("e")) {
            String base = w.substring(0, w.length() - 1);
            return List.of(w, w + "s", w + "d", base + "ing");
        }
        String ing = doublesLastLetter(w) ? w + w.charAt(w.length() - 1) + "ing" : w + "ing";
        return List.of(w, w + "s", w + "es", w + "ed", ing);
    }

    static final Set<String> OPPOSITE_STEMS;
    /** Each word form and the forms of its opposites. */
    static final Map<String, List<String>> OPPOSITE_OF;

    static {
        Map<String, List<String>> m = new java.util.HashMap<>();
        for (String[] p : java.util.stream.Stream.concat(OPPOSITES.stream(), WORDNET_OPPOSITES.stream()).toList()) {
            m.computeIfAbsent(p[0], x -> new ArrayList<>()).add(p[1]);
            m.computeIfAbsent(p[1], x -> new ArrayList<>()).add(p[0]);
        }
        OPPOSITE_OF = Map.copyOf(m);
    }

    static {
        Set<String> s = new HashSet<>();
        for (String[] p : OPPOSITES) {
            s.add(LexicalText.stem(p[0]));
            s.add(LexicalText.stem(p[1]));
        }
        OPPOSITE_STEMS = Set.copyOf(s);
    }

    /**
     * A rubric fact: one claim (clause) of the reference answer or a key point's statement, with its content
     * stems; {@code subject} is its first content word, stemmed ("pre" for "Pre-training gives...").
     */
    record Fact(String text, Set<String> stems, Set<String> words, Map<String, Integer> frequencies, String subject) {
        int documentFrequency(String stem) {
            return frequencies.getOrDefault(stem, 1);
        }
    }

    /** Facts within this share of the best-aligned fact's overlap are compared too. */
    static double ALIGNED_SHARE = 0.75;
    /** Facts within this share count against a claim: a denial weighs more than a shared word. */
    static double AGAINST_SHARE = 0.6;
    static boolean ANSWER_REMOVALS = Boolean.parseBoolean(System.getProperty("viva.removals", "true"));

    /**
     * How one claim of the answer relates to the rubric. {@code byNegationOnly}: contradicted only because
     * its polarity differs from the facts' (no opposite word, no dismissal, no swapped subject), the reading
     * that also takes correct negative statements for contradictions.
     */
    record Claim(String text, boolean aligned, boolean contradicted, String fact, boolean byNegationOnly) {
        Claim(String text, boolean aligned, boolean contradicted, String fact) {
            this(text, aligned, contradicted, fact, false);
        }
    }

    private Consistency() {
    }

    static List<Fact> facts(List<String> statements) {
        List<String> texts = new ArrayList<>();
        List<Set<String>> stems = new ArrayList<>();
        Map<String, Integer> df = new java.util.HashMap<>();
        for (String s : statements) {
            for (String c : Polarity.claims(s)) {
                Set<String> st = new HashSet<>(stemsOf(c));
                texts.add(c);
                stems.add(st);
                st.forEach(x -> df.merge(x, 1, Integer::sum));
            }
        }
        Map<String, Integer> frequencies = Map.copyOf(df);
        List<Fact> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Fact(texts.get(i), stems.get(i), quantities(LexicalText.words(texts.get(i))), frequencies,
                    RubricModel.subject(texts.get(i))));
        }
        return out;
    }

    private static List<String> stemsOf(String text) {
        List<String> out = new ArrayList<>();
        for (String w : LexicalText.words(text)) {
            if (LexicalText.STOPWORDS.contains(w) && !OPPOSITE_STEMS.contains(LexicalText.stem(w))) {
                continue;
            }
            if (Polarity.NEGATIONS.contains(w) || w.length() < 2) {
                continue;
            }
            out.add(LexicalText.stem(w));
        }
        return out;
    }

    /** The claims of an answer sentence and how each relates to the rubric's facts. */
    static List<Claim> claims(String sentence, List<Fact> facts, Set<String> promptStems) {
        return claims(sentence, facts, promptStems, Set.of());
    }

    /**
     * As {@link #claims(String, List, Set)}, knowing the things the question contrasts ({@code entities},
     * "pre" and "fin" for pre-training against fine-tuning): a claim about one of them that states what the
     * rubric says of another ("fine-tuning adds general language ability from trillions of tokens") is
     * contradicted by that fact.
     */
    static List<Claim> claims(String sentence, List<Fact> facts, Set<String> promptStems, Set<String> entities) {
        List<Claim> out = new ArrayList<>();
        Set<String> previous = Set.of();
        for (String c : Polarity.claims(sentence)) {
            Set<String> own = new HashSet<>(stemsOf(c));
            // "it is never trained", "its memory stays constant": the pronoun stands for the last claim's subject.
            Set<String> context = own.size() < 3 || pronoun(c) ? previous : Set.of();
            out.add(claim(c, context, facts, promptStems, entities));
            previous = own;
        }
        return out;
    }

    private static final Set<String> PRONOUNS = Set.of("it", "its", "they", "their", "them", "this", "these");

    private static boolean pronoun(String claim) {
        List<String> words = LexicalText.words(claim);
        for (int i = 0; i < Math.min(3, words.size()); i++) {
            if (PRONOUNS.contains(words.get(i))) {
                return true;
            }
        }
        return false;
    }

    static Claim claim(String text, List<Fact> facts, Set<String> promptStems) {
        return claim(text, Set.of(), facts, promptStems, Set.of());
    }

    static Claim claim(String text, Set<String> context, List<Fact> facts, Set<String> promptStems, Set<String> entities) {
        Set<String> own = new HashSet<>(stemsOf(text));
        String subject = RubricModel.subject(text);
        boolean aboutEntity = subject != null && entities.contains(subject);
        String dismissed = dismissed(text);
        Set<String> stems = new HashSet<>(own);
        stems.addAll(context);
        Set<String> words = quantities(LexicalText.words(CONCESSION.matcher(text).replaceAll(" ")));
        int n = facts.size();
        boolean[] ownShared = new boolean[n];
        double[] overlap = new double[n];
        int[] slots = new int[n];
        boolean[] opposed = new boolean[n];
        boolean[] dismissing = new boolean[n];
        double best = 0;
        for (int f = 0; f < n; f++) {
            Fact ft = facts.get(f);
            double o = 0;
            int shared = 0;
            boolean novel = false;
            for (String s : ft.stems()) {
                if (stems.contains(s) && !OPPOSITE_STEMS.contains(s)) {
                    boolean inPrompt = promptStems.contains(s);
                    // Rarer words say more about which fact a claim is about.
                    o += (inPrompt ? 0.5 : 1) * Math.log(1.0 + (double) n / ft.documentFrequency(s));
                    shared++;
                    novel |= !inPrompt;
                    ownShared[f] |= own.contains(s);
                }
            }
            slots[f] = shared;
            // Shared words only from the question still align a claim that says the opposite of the fact.
            opposed[f] = shared >= 2 && opposite(words, ft.words());
            // So do they for a claim that dismisses what the fact asserts ("no reward model is needed" against "a
            // reward model is trained on the preferences"), whose words are often all the question's own.
            dismissing[f] = dismissed != null && ft.stems().contains(dismissed) && !Polarity.hasNegation(ft.text());
            overlap[f] = (novel || opposed[f] || dismissing[f]) && shared >= 2 ? o : 0;
            best = Math.max(best, overlap[f]);
        }
        if (best == 0) {
            return new Claim(text, false, false, null);
        }
        int against = 0;
        boolean beyondPolarity = false;
        int agree = 0;
        String fact = null;
        for (int f = 0; f < n; f++) {
            if (overlap[f] == 0 || overlap[f] < AGAINST_SHARE * best) {
                continue;
            }
            Fact ft = facts.get(f);
            // A condition restates a negation the other way round ("only when no constructor exists" is "once
            // one exists, none is generated"): under a condition, polarity says nothing.
            boolean conditional = conditional(words) || conditional(ft.words());
            boolean denied = dismissing[f] && dismissed(ft.text()) == null;
            boolean vote = opposed[f] || denied
                    || (!conditional && !bothNegative(text, ft.text())
                            && Polarity.contradicts(ft.text(), false, text, ANSWER_REMOVALS));
            // A fact that shares only the words the claim borrows from the one before it says nothing for it,
            // and one well below the best alignment counts only against it.
            if (!vote && (!ownShared[f] || overlap[f] < ALIGNED_SHARE * best)) {
                continue;
            }
            if (vote) {
                against++;
                beyondPolarity |= opposed[f] || denied;
                fact = fact == null ? ft.text() : fact;
            } else {
                agree++;
            }
        }
        String swap = aboutEntity ? swappedFact(subject, own, facts, promptStems, entities) : null;
        if (swap != null) {
            return new Claim(text, true, true, swap);
        }
        return new Claim(text, true, against > agree, against > agree ? fact : null, against > agree && !beyondPolarity);
    }

    /**
     * The fact whose properties a claim about one contrasted thing gives it although the rubric says them of
     * another: a fact about another contrasted thing, which the claim does not name, shares at least
     * {@link #SWAP_EVIDENCE} of the claim's specific words, and more of them than any fact that names the
     * claim's own subject. Null when there is none.
     */
    private static String swappedFact(String subject, Set<String> own, List<Fact> facts, Set<String> promptStems,
            Set<String> entities) {
        int swap = 0;
        int support = 0;
        String found = null;
        for (Fact ft : facts) {
            int shared = specific(own, ft, promptStems);
            if (ft.stems().contains(subject)) {
                support = Math.max(support, shared);
            } else if (ft.subject() != null && entities.contains(ft.subject()) && !own.contains(ft.subject()) && shared > swap) {
                swap = shared;
                found = ft.text();
            }
        }
        return swap >= SWAP_EVIDENCE && swap > support ? found : null;
    }

    /**
     * Phrases that call something useless or unneeded: what follows "no need to" ("there is no need to
     * measure outcomes"), or the clause's subject before the others ("auditing the data changes nothing",
     * "a model card is only marketing").
     */
    private static final java.util.regex.Pattern NEEDLESS = java.util.regex.Pattern.compile(
            "\\bno need (to|for)\\b|\\b(do|does|did)(n't| not) (really |even )?need( to)?\\b|\\bneed(n't| not)\\b");
    /** "No reward model is needed": what comes between "no" and the verb is dismissed. */
    private static final java.util.regex.Pattern NONE_NEEDED = java.util.regex.Pattern.compile(
            "\\bno ((?:[a-z-]+ ){1,3})(is|are) (needed|necessary|required)\\b");
    private static final java.util.regex.Pattern FUTILE = java.util.regex.Pattern.compile(
            "\\b(changes|does|achieves|adds|solves|fixes) nothing\\b|\\bmakes? no difference\\b"
                    + "|\\b(is|are)(n't| not) (needed|necessary|required|useful)\\b|\\b(is|are) (unnecessary|pointless|useless|irrelevant)\\b"
                    + "|\\b(does|do)(n't| not) matter\\b|\\b(is|are) (only|just|merely) (marketing|a formality|decoration)\\b"
                    + "|\\bhas no effect\\b|\\bnever helps?\\b|\\b(is|are) a waste of\\b");

    /**
     * The stem of what a claim calls useless, or null when it calls nothing useless: such a claim denies a
     * fact that asserts that thing, whatever condition it is stated under.
     */
    static String dismissed(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT).replace('\u2019', '\'');
        java.util.regex.Matcher m = NEEDLESS.matcher(lower);
        if (m.find()) {
            return RubricModel.subject(lower.substring(m.end()));
        }
        m = NONE_NEEDED.matcher(lower);
        if (m.find()) {
            return RubricModel.subject(m.group(1));
        }
        m = FUTILE.matcher(lower);
        return m.find() ? RubricModel.subject(lower.substring(0, m.start())) : null;
    }

    /**
     * "However long the context grows", "no matter how large the batch is": a concession names the
     * condition the claim holds under, so its words are not the claim's own when they are compared with
     * a fact's opposites ("its memory stays constant however long the context grows" against "grows").
     */
    private static final java.util.regex.Pattern CONCESSION = java.util.regex.Pattern.compile(
            "(?i)\\b(however|no matter how|regardless of how)\\s+(long|much|many|large|big|small|far|often|hard|fast)\\b[^,;.]*");

    /** Words a claim must share with a fact about another contrasted thing before it counts as a swap. */
    static final int SWAP_EVIDENCE = 3;

    /** How many of the claim's own words the fact shares that the question does not supply. */
    private static int specific(Set<String> own, Fact fact, Set<String> promptStems) {
        int n = 0;
        for (String s : fact.stems()) {
            if (own.contains(s) && !promptStems.contains(s)) {
                n++;
            }
        }
        return n;
    }

    static String explain(String text, List<Fact> facts, Set<String> promptStems) {
        StringBuilder sb = new StringBuilder();
        Set<String> stems = new HashSet<>(stemsOf(text));
        sb.append("       stems ").append(stems).append('\n');
        for (Fact f : facts) {
            double o = 0;
            for (String s : f.stems()) {
                if (stems.contains(s) && !OPPOSITE_STEMS.contains(s)) {
                    o += promptStems.contains(s) ? 0.5 : 1;
                }
            }
            if (o >= 1) {
                sb.append(String.format("       %.1f %s %s | %s%n", o, Polarity.contradicts(f.text(), false, text, false) ? "POL" : "",
                        opposite(new HashSet<>(LexicalText.words(text)), f.words()) ? "OPP" : "", f.text()));
            }
        }
        return sb.toString();
    }

    /**
     * Both state something negative ("nothing is trained and the weights do not change" against "changes no
     * weights", "never cut through a table" against "never in the middle of a table"): which word each
     * negation reaches says little then, so polarity alone is no contradiction.
     */
    static boolean bothNegative(String claim, String fact) {
        return Polarity.hasNegation(claim) && Polarity.hasNegation(fact);
    }

    private static final Set<String> CONDITIONS = Set.of("if", "unless", "when", "whenever", "once", "until");

    static boolean conditional(Set<String> words) {
        for (String c : CONDITIONS) {
            if (words.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** The words of a text, with "exactly one", "only one", "a single" and the like read as "single". */
    static Set<String> quantities(List<String> words) {
        Set<String> out = new HashSet<>(words);
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i + 1).equals("one") && Set.of("exactly", "only", "just").contains(words.get(i))) {
                out.add("single");
            }
        }
        return out;
    }

    /** The claim uses one word of an opposite pair where the fact uses the other, and neither uses both. */
    static boolean opposite(Set<String> claim, Set<String> fact) {
        for (String mine : claim) {
            List<String> against = OPPOSITE_OF.get(mine);
            if (against == null || fact.contains(mine)) {
                continue;
            }
            for (String theirs : against) {
                if (fact.contains(theirs) && !claim.contains(theirs)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Counts for a whole answer. */
    record Summary(int aligned, int contradicted, Map<String, List<Claim>> bySentence) {
        double contradictedShare() {
            return aligned == 0 ? 0 : (double) contradicted / aligned;
        }
    }
}
