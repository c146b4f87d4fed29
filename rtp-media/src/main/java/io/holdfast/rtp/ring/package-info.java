/**
 * Media samples leaving an event loop: a lock-free single-producer, single-consumer ring of preallocated
 * fixed-size sample records (two JCTools SPSC queues, one carrying filled records out and one bringing empty
 * ones back). The owning event loop is the only producer; one consumer thread (the health agent) drains it.
 */
package io.holdfast.rtp.ring;
