package io.holdfast.sip.message;

/** A message body that does not follow the grammar its Content-Type names. */
public final class MalformedBodyException extends Exception {
    public MalformedBodyException(String message) {
        super(message);
    }
}
