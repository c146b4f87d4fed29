/** JMH benchmarks, the load and failover harness and the region simulator. */
package io.holdfast.benchmarks;
