/**
 * JMH micro-benchmarks of the media plane ({@code io.holdfast.rtp}): the per-packet forward path and the sample
 * ring. Each benchmark state is confined to its JMH thread (or thread group).
 */
package io.holdfast.benchmarks.rtp;
