package dev.viva.grader.domain;

import java.util.UUID;

/**
 * A grading's hold on an answer: only its holder (the token) may renew it, release it, or store an
 * evaluation under it, so a grading whose lease ran out and was taken over cannot store a duplicate.
 */
public record Lease(UUID answerId, UUID token) {

    public static Lease newFor(UUID answerId) {
        return new Lease(answerId, UUID.randomUUID());
    }
}
