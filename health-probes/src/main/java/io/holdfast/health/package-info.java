/**
 * Per-region health: SIP OPTIONS probes, media-quality aggregation and the AI-stack probe, feeding a
 * region state machine. Filled in by the region-health issue; its threads are named in each sub-package.
 */
package io.holdfast.health;
