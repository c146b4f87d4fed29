/**
 * The B2BUA: each caller INVITE becomes a {@link io.holdfast.relay.call.Call} with a caller-facing leg
 * (UAS dialog) and an upstream leg to a region (UAC dialog), each with its own Call-ID, tags and CSeq;
 * SDP rewritten both ways so that media is anchored through a media session; in-dialog requests relayed;
 * initial-call failover across regions; mid-call failover and escalation ({@code Recovery}, {@code StandbyLeg},
 * entered through {@link io.holdfast.relay.call.Call#failover} and {@link io.holdfast.relay.call.Call#escalate}).
 * {@link io.holdfast.relay.call.HoldfastRelay} starts the SIP stack
 * and one media loop per SIP event loop on the same Netty loop. Every call, with its transactions,
 * dialogs, media channels and timers, is confined to the event loop that owns its caller's Call-ID.
 */
package io.holdfast.relay.call;
