/**
 * Per-stream media statistics (RFC 3550 Appendix A.3 and A.8: loss, interarrival jitter; §6.4.1 round-trip
 * time), immutable snapshots for readers off the loop, and the per-loop block of media counters. A
 * {@code StreamStats} and a {@code MediaCounters} block are written only by the event loop that owns them.
 */
package io.holdfast.rtp.stats;
