package dev.viva.question.domain;

public enum Difficulty {
    JUNIOR, MID, SENIOR
}
