/**
 * The call: B2BUA legs, routing, failover and escalation, resume context, events, admin API,
 * configuration and the command line.
 */
package io.holdfast.relay;
