/**
 * Hold-prompt playout: WAV loading, G.711 pre-encoding into 20 ms frames, and a per-call
 * {@link io.holdfast.rtp.prompt.PromptPlayer} driven by one {@link io.holdfast.rtp.prompt.PromptTicker}
 * per event loop. Prompts ({@link io.holdfast.rtp.prompt.PromptAudio},
 * {@link io.holdfast.rtp.prompt.EncodedPrompt}, {@link io.holdfast.rtp.prompt.Prompt}) are immutable and
 * shared by every loop; players and tickers are confined to the event loop that owns them.
 */
package io.holdfast.rtp.prompt;
