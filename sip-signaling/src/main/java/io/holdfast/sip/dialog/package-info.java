/**
 * RFC 3261 §12 dialogs: creation on the UAC and UAS side, route set, remote target, CSeq, target refresh,
 * construction of in-dialog requests and of the ACK for a 2xx (§13.2.2.4). Pure values and state, no I/O;
 * a {@link io.holdfast.sip.dialog.Dialog} is confined to the event loop that owns its call.
 */
package io.holdfast.sip.dialog;
