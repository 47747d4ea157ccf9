package dev.viva.question.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rules a question is held to, and which categories it may use.
 *
 * <p>The shipped bank (and any extra shared bank files) is held to BANK.md's quality rules in full:
 * a reference answer of 80–200 words, at least 4 key points with 3–8 terms each, at least one red flag
 * and two follow-up questions. A team's own bank is held only to what grading needs: a reference
 * answer, 1 or more key points with at least one term each (one required), criteria, and red flags
 * and follow-ups when it has them; a short question keeps a short rubric.
 */
public record BankRules(Profile profile, Set<String> categories) {

    public enum Profile {
        /** The shared bank loaded from the bank files. */
        SHIPPED,
        /** A team's own questions: admin API and import. */
        TEAM
    }

    public static BankRules shipped(List<String> sharedCategories) {
        return new BankRules(Profile.SHIPPED, Set.copyOf(sharedCategories));
    }

    public static BankRules team(List<String> sharedCategories, List<String> teamCategories) {
        Set<String> all = new LinkedHashSet<>(sharedCategories);
        all.addAll(teamCategories);
        return new BankRules(Profile.TEAM, Set.copyOf(all));
    }

    public boolean shipped() {
        return profile == Profile.SHIPPED;
    }

    int minKeyPoints() {
        return shipped() ? 4 : 1;
    }

    int minTerms() {
        return shipped() ? 3 : 1;
    }

    int maxTerms() {
        return shipped() ? 8 : 20;
    }

    int minRedFlags() {
        return shipped() ? 1 : 0;
    }

    int minFollowUps() {
        return shipped() ? 2 : 0;
    }

    /** Words of the reference answer, or null for no bound. */
    Integer minReferenceWords() {
        return shipped() ? 80 : null;
    }

    Integer maxReferenceWords() {
        return shipped() ? 200 : null;
    }
}
