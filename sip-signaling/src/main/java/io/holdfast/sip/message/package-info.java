/**
 * Immutable, typed SIP messages (RFC 3261 §7, §20): requests, responses and the header values a
 * B2BUA works with. Immutable values: safe to share between threads once built.
 */
package io.holdfast.sip.message;
