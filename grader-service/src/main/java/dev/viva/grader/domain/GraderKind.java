package dev.viva.grader.domain;

public enum GraderKind {
    LLM("llm"), LOCAL("local");

    private final String wire;

    GraderKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
