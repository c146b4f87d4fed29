/**
 * Benchmarks of the media plane ({@code io.holdfast.rtp}): JMH micro-benchmarks of the per-packet forward path and
 * the sample ring (each benchmark state confined to its JMH thread or thread group), and the loopback load harness
 * {@link io.holdfast.benchmarks.rtp.MediaLoadHarness}, whose generator and receiver state is confined to the harness's
 * event loops and whose relay runs in a separate process ({@link io.holdfast.benchmarks.rtp.MediaLoadRelay}); with
 * {@code --c-generator} the load comes from the C generator {@code benchmarks/loadgen/rtp-loadgen.c}, another process
 * the harness's main thread drives ({@link io.holdfast.benchmarks.rtp.CGeneratorRun}).
 */
package io.holdfast.benchmarks.rtp;
