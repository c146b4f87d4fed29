/**
 * Mid-call failover on loopback, end to end: {@link io.holdfast.benchmarks.failover.FailoverRig} runs holdfast
 * with simulated regions, an escalation agent and a simulated caller; {@link io.holdfast.benchmarks.failover.FailoverTrace}
 * reads one failover from what the caller heard and the route-change event; the
 * {@link io.holdfast.benchmarks.failover.FailoverBenchmark} repeats it and reports the distributions. Used by
 * {@code holdfast demo} and {@code benchmarks/run-failover.sh}. A rig is driven from one thread (the main thread);
 * the relay and the simulators run on their own event loops.
 */
package io.holdfast.benchmarks.failover;
