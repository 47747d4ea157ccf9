package dev.viva.grader.domain;

/** A grading finished after its lease ran out and another grading took the answer: nothing is stored. */
public class LeaseLostException extends RuntimeException {
    public LeaseLostException(Lease lease) {
        super("the lease on answer " + lease.answerId() + " ran out and was taken over; this grading is not stored");
    }
}
