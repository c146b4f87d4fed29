/**
 * The checks holdfast's edge applies to every received SIP message before anything acts on it: the
 * strict SIP grammar and limits, then the body a session needs (the SDP of an INVITE). The transport
 * and {@code holdfast sip check} share them. A check object is confined to one event loop.
 */
package io.holdfast.sip.edge;
