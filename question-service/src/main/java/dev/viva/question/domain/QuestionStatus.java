package dev.viva.question.domain;

public enum QuestionStatus {
    /** Listed and drawn. */
    ACTIVE,
    /** Hidden from lists and draws; its rubric versions stay readable for the sessions that used it. */
    RETIRED
}
