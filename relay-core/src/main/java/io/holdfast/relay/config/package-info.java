/**
 * holdfast's configuration: one YAML file bound once at start-up to immutable, validated records
 * ({@link io.holdfast.relay.config.HoldfastConfig} and one record per concern), which are then passed
 * down by constructors. {@link io.holdfast.relay.config.ConfigLoader} reports every problem at once,
 * one line each naming the key, the value and the fix. Loading runs on the main thread; the
 * records are immutable and safe to share with every thread.
 */
package io.holdfast.relay.config;
