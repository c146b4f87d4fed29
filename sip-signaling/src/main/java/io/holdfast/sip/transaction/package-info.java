/**
 * RFC 3261 §17 transactions (with the RFC 6026 corrections for 2xx to INVITE): the four state machines,
 * their timers, transaction matching and the per-loop {@link io.holdfast.sip.transaction.TransactionLayer}
 * that a transaction user (UA core, B2BUA, OPTIONS prober) talks to. Knows nothing of Netty: messages
 * leave through {@link io.holdfast.sip.transaction.SipFlow} and time comes from
 * {@link io.holdfast.sip.transaction.OwnerLoop}. Every object here is confined to the event loop that owns
 * its layer; other threads hand work over with {@link io.holdfast.sip.transaction.OwnerLoop#execute}.
 */
package io.holdfast.sip.transaction;
