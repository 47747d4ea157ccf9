package dev.viva.session.domain;

public enum Difficulty {
    JUNIOR, MID, SENIOR
}
