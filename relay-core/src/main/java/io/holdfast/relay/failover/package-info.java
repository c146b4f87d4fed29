/**
 * Mid-call failover and human escalation, the parts that know nothing of SIP legs: the prompts a call on
 * hold hears ({@link io.holdfast.relay.failover.FailoverPrompts}), the limits of one recovery
 * ({@link io.holdfast.relay.failover.FailoverPolicy}, {@link io.holdfast.relay.failover.RecoveryBudget}), the
 * measurements its route-change event carries ({@link io.holdfast.relay.failover.RecoveryTimings}) and the
 * {@link io.holdfast.relay.call.EscalationTrigger} a region's request for a human goes through
 * ({@link io.holdfast.relay.failover.HumanEscalation}). The recovery itself, which drives the legs, is
 * {@code io.holdfast.relay.call.Recovery}. Policies and prompts are immutable and shared by every event loop;
 * budgets and timings belong to one call and are confined to its event loop.
 */
package io.holdfast.relay.failover;
