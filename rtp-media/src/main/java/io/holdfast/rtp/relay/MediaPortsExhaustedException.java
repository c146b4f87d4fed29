package io.holdfast.rtp.relay;

/** A media session could not open because its event loop's port range has no free port left. Immutable. */
public final class MediaPortsExhaustedException extends Exception {

    MediaPortsExhaustedException(int capacity) {
        super("every media port of this event loop is in use or in quarantine (" + capacity + " ports)", null,
                false, false);
    }
}
