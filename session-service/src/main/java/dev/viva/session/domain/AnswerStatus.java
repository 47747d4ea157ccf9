package dev.viva.session.domain;

/** Grading state of an answer; SUPERSEDED is how a replaced answer is shown, whatever its grading state. */
public enum AnswerStatus {
    PENDING, GRADED, FAILED, SUPERSEDED;

    public boolean done() {
        return this == GRADED || this == FAILED;
    }
}
