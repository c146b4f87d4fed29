/**
 * SIP message parsing and TCP stream framing on {@code ByteBuf} (RFC 3261 §7, §18.3, §25; RFC 5626
 * keep-alives), strict as befits a carrier edge. No Netty channel or pipeline type appears here.
 * A {@link io.holdfast.sip.parse.SipParser} or {@link io.holdfast.sip.parse.SipFramer} keeps scratch
 * state and is confined to one event loop; limits, exceptions and bad-request contexts are immutable.
 */
package io.holdfast.sip.parse;
