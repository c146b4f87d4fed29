/**
 * holdfast's SIP stack: message model and codec, transports, RFC 3261 transactions and dialogs, SDP.
 * The sub-packages say which thread owns their objects.
 */
package io.holdfast.sip;
