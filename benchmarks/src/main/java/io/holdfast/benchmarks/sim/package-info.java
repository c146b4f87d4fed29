/**
 * The in-JVM stand-ins for the world around holdfast, built on holdfast's own SIP stack and Netty: a
 * {@link io.holdfast.benchmarks.sim.RegionSimulator} (a Voice AI region: SIP UAS, agent voice over RTP,
 * context reports by INFO, the AI-stack health JSON, and the failures a region can have) and a
 * {@link io.holdfast.benchmarks.sim.SimulatedCaller} (a SIP UAC that streams RTP and records every packet it
 * hears). Used by the integration tests, the load and failover harness and {@code holdfast demo}. Each
 * simulator and caller confines its state to its own single event loop; its public methods are
 * thread-safe and what it records is readable from any thread.
 */
package io.holdfast.benchmarks.sim;
