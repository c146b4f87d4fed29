/**
 * Netty adapters for the SIP codec: they only hand bytes to {@link io.holdfast.sip.parse.SipParser},
 * {@link io.holdfast.sip.parse.SipFramer} and {@link io.holdfast.sip.message.SipMessageWriter} and
 * count what they drop. Decoders are confined to their channel's event loop (and never throw onto
 * it); {@link io.holdfast.sip.codec.SipMessageEncoder} is stateless and sharable.
 */
package io.holdfast.sip.codec;
