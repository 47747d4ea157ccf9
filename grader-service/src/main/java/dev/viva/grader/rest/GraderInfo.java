package dev.viva.grader.rest;

/** How this grader is configured. */
public record GraderInfo(String mode, String model, String promptVersion, int maxInFlight) {
}
