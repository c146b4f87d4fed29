/**
 * SDP (RFC 8866, formerly RFC 4566) session descriptions as carried in SIP bodies: a strict parser,
 * an immutable typed model that keeps every line as received, line-preserving rewrites for media
 * anchoring, and the RFC 3264 offer/answer model. Immutable values, safe to share between threads
 * once built; nothing here touches Netty or the network.
 */
package io.holdfast.sip.sdp;
