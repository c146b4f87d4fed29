/**
 * Route-change events: one immutable {@link io.holdfast.relay.events.RouteChangeEvent} per route
 * change, escalation and call end, tagged with its {@link io.holdfast.relay.events.CauseTag}; call ids
 * hashed with a per-process key by {@link io.holdfast.relay.events.CallIdHasher}; written as JSON lines
 * off the event loops by {@link io.holdfast.relay.events.RouteChangeWriter}; summarised for people by
 * {@link io.holdfast.relay.events.IncidentReport}. Events are created on the call's event loop and
 * handed over through a lock-free queue; the writer's file and encoder belong to its own thread.
 */
package io.holdfast.relay.events;
