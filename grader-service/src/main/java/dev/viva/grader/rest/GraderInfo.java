package dev.viva.grader.rest;

/**
 * How this grader is configured; {@code samples} is how many times each answer is graded (viva.grader.samples, LLM
 * only); {@code secondOpinion} the grader that grades every answer beside the LLM ("local"), null when none does.
 */
public record GraderInfo(String mode, String model, String promptVersion, int maxInFlight, int samples, String secondOpinion) {
}
