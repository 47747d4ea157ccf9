package dev.viva.grader.domain;

/** Fired when a transaction adds regrade requests; the regrade worker observes it after the commit. */
public record RegradesRequested(int count) {
}
