package dev.viva.grader.rest;

/** How this grader is configured; {@code samples} is how many times each answer is graded (viva.grader.samples, LLM only). */
public record GraderInfo(String mode, String model, String promptVersion, int maxInFlight, int samples) {
}
