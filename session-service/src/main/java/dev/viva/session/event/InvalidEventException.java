package dev.viva.session.event;

/** A record that does not follow its contract; it goes to the dead-letter topic with this message as reason. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }
}
