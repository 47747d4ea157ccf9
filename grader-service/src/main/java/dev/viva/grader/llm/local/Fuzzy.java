package dev.viva.grader.llm.local;

/** Misspelling-tolerant word comparison: one edit (or transposition) from five letters, two from eight. */
public final class Fuzzy {

    private Fuzzy() {
    }

    public static boolean sameWord(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int min = Math.min(a.length(), b.length());
        if (min < 5 || Math.abs(a.length() - b.length()) > 2) {
            return false;
        }
        if (a.charAt(0) != b.charAt(0) && !(a.length() > 1 && b.length() > 1 && a.charAt(1) == b.charAt(0) && a.charAt(0) == b.charAt(1))) {
            return false;
        }
        if (Character.isDigit(a.charAt(a.length() - 1)) || Character.isDigit(b.charAt(b.length() - 1))) {
            return false; // int4 is not int8
        }
        int allowed = min >= 8 ? 2 : 1;
        return distance(a, b, allowed) <= allowed;
    }

    /** Optimal string alignment distance, stopping early once it exceeds {@code limit}; three rolling rows. */
    static int distance(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        int[] before = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, before[j - 2] + 1);
                }
                current[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return previous[m];
    }
}
