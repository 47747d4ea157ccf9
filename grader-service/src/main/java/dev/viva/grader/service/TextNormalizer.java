package dev.viva.grader.service;

import java.text.Normalizer;

/** Normal form used to compare quotes with answers: case, whitespace, quote marks and dashes folded. */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
        s = s.replaceAll("[\\u2018\\u2019\\u201A\\u201B\\u2032\\u0060\\u00B4]", "'")
                .replaceAll("[\\u201C\\u201D\\u201E\\u201F\\u2033\\u00AB\\u00BB]", "\"")
                .replaceAll("[\\u2010-\\u2015\\u2212]", "-")
                .replace("\u2026", "...")
                .replaceAll("\\s+", " ")
                .strip();
        return s;
    }

    /** A quote as a model writes it: surrounding quote marks, ellipses and punctuation dropped. */
    public static String normalizeQuote(String quote) {
        String s = normalize(quote);
        s = s.replaceAll("^[\\s\"'.,;:!?()\\[\\]-]+", "").replaceAll("[\\s\"'.,;:!?()\\[\\]-]+$", "");
        return s.replaceAll("^(\\.\\.\\.)+|(\\.\\.\\.)+$", "").strip();
    }
}
