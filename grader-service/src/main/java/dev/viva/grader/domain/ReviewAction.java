package dev.viva.grader.domain;

/** What an interviewer does with a machine evaluation. */
public enum ReviewAction {
    /** The machine's verdicts stand; the grade becomes one a person has checked. */
    ACCEPT,
    /** Some key point verdicts or criterion levels are replaced; the score is recomputed. */
    OVERRIDE
}
