package dev.viva.session.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a completed session shows its candidate beyond scores and feedback. */
public enum RevealPolicy {
    /** Reference answers and missed key points, once every answer is graded. */
    PRACTICE("practice"),
    /** Nothing more: the rubric stays unknown to candidates (interviewers and admins still see everything). */
    ASSESSMENT("assessment");

    private final String wire;

    RevealPolicy(String wire) {
        this.wire = wire;
    }

    /** The name in JSON and in the database. */
    @JsonValue
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    public static RevealPolicy fromWire(String value) {
        for (RevealPolicy p : values()) {
            if (p.wire.equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("No reveal policy " + value);
    }
}
