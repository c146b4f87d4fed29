package io.holdfast.relay.events;

/**
 * Where the call layer hands route-change events: the narrow interface a call's state machine
 * reports through. Implementations never block and never throw to the caller: an event they cannot
 * take is dropped and counted.
 */
@FunctionalInterface
public interface RouteChangeSink {
    /** Hands an event over; safe on any thread, event loops included. */
    void publish(RouteChangeEvent event);
}
