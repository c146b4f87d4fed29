/**
 * Routing of new calls: the resolved {@link io.holdfast.relay.routing.Region}s and the
 * {@link io.holdfast.relay.routing.RoutePolicy} that picks the healthy region with the best priority
 * that a call has not tried yet. Regions and the policy are immutable and shared by every event loop;
 * the health view behind them is read without locks.
 */
package io.holdfast.relay.routing;
