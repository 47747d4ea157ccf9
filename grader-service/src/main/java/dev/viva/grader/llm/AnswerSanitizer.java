package dev.viva.grader.llm;

import java.util.regex.Pattern;

/**
 * Makes a candidate's answer safe to place in a prompt as data: removes invisible and format
 * characters (zero-width, bidi controls, tag characters: Unicode category Cf), control characters
 * other than line breaks and tabs, and neutralises anything that looks like our delimiter tag.
 */
public final class AnswerSanitizer {

    private static final Pattern DELIMITER = Pattern.compile("(?i)<\\s*/?\\s*candidate_answer[^>]*>?");

    private AnswerSanitizer() {
    }

    public static String sanitize(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                return;
            }
            if (type == Character.CONTROL && cp != '\n' && cp != '\t') {
                if (cp == '\r') {
                    return;
                }
                out.append(' ');
                return;
            }
            if (cp == 0x2028 || cp == 0x2029) {
                out.append('\n');
                return;
            }
            out.appendCodePoint(cp);
        });
        return DELIMITER.matcher(out).replaceAll("[delimiter removed]").strip();
    }
}
