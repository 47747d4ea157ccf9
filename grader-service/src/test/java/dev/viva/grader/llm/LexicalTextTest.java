package dev.viva.grader.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexicalTextTest {

    @Test
    void wordsKeepInnerApostrophesAndTheCharactersOfLanguageNames() {
        assertThat(LexicalText.words("It doesn’t fit: C++ and C# aren't 'quoted' words, k-NN at 4-bit."))
                .containsExactly("it", "doesn't", "fit", "c++", "and", "c#", "aren't", "quoted", "words", "k", "nn", "at", "4",
                        "bit");
        assertThat(LexicalText.words("  ''  ...  ")).isEmpty();
        assertThat(LexicalText.words("The KV-cache's SIZE")).containsExactly("the", "kv", "cache's", "size");
    }

    @Test
    void sentencesSplitAtTheirEndsAndDropListMarkers() {
        assertThat(LexicalText.sentences("- First point. 2) Second one!\n* third; fourth"))
                .containsExactly("First point.", "Second one!", "third;", "fourth");
    }

    @Test
    void stemsAreTheSameWhetherCachedOrNot() {
        assertThat(LexicalText.stem("retrieves")).isEqualTo(LexicalText.stem("retrieves")).isEqualTo("retriev");
        assertThat(LexicalText.stem("retrieval")).isEqualTo("retriev");
    }
}
