/**
 * holdfast's command line (picocli): one class per command. Commands run on the main thread and hand
 * long-running work to the relay's own threads.
 */
package io.holdfast.relay.cli;
