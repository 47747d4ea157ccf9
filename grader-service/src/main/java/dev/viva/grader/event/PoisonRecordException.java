package dev.viva.grader.event;

/** A record that can never be graded; the consumer sends it to the dead-letter topic with this message. */
public class PoisonRecordException extends RuntimeException {
    public PoisonRecordException(String reason) {
        super(reason);
    }
}
