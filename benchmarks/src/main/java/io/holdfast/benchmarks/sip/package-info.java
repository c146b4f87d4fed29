/**
 * JMH benchmarks of the SIP codec ({@code io.holdfast.sip.parse}, {@code io.holdfast.sip.message}):
 * parsing and writing typical messages. Each benchmark state is confined to its JMH thread.
 */
package io.holdfast.benchmarks.sip;
