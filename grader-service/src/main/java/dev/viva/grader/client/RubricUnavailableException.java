package dev.viva.grader.client;

/** The rubric could not be had; the message is recorded as the evaluation's failure reason. */
public class RubricUnavailableException extends Exception {
    public RubricUnavailableException(String message) {
        super(message);
    }
}
