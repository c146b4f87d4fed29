package io.holdfast.relay.events;

/** An events line that is not a route-change event; the message says what is wrong with it. */
public final class MalformedEventException extends Exception {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
