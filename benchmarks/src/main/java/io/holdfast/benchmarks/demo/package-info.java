/**
 * {@code holdfast demo}: holdfast on its built-in configuration with two simulated regions, a simulated human agent
 * and a simulated caller; the primary region is killed mid-call and the demo narrates what the caller lives through,
 * then prints the incident report. Added to {@code holdfast}'s command line through relay-core's
 * {@link io.holdfast.relay.cli.HoldfastSubcommand} service. Runs on the main thread; the parties run on their own
 * event loops.
 */
package io.holdfast.benchmarks.demo;
