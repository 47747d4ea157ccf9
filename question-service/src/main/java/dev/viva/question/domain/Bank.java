package dev.viva.question.domain;

/** Which bank a list or a draw takes questions from: the team's own, the shared one, or both. */
public enum Bank {
    TEAM, SHARED, BOTH
}
