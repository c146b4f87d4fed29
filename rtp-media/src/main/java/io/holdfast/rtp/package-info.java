/**
 * holdfast's data plane: RTP/RTCP flyweights, anchored relay sessions, statistics, ring buffers and
 * prompt playout. Media objects are confined to the event loop that owns their call.
 */
package io.holdfast.rtp;
