/**
 * Time for holdfast: the {@link io.holdfast.relay.time.NanoClock} every timer, timeout and
 * measurement reads, injected so that tests drive it by hand. Clocks are stateless or confined to
 * their test; the system clock is safe on any thread.
 */
package io.holdfast.relay.time;
