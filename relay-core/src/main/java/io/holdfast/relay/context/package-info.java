/**
 * The resume context and zero retention: what a Voice AI region reports about a call so that the next
 * region (or a human) can take it over without asking the caller again. {@link io.holdfast.relay.context.ContextParser}
 * checks a reported body ({@code application/vnd.holdfast.context+json}) against the schema,
 * {@link io.holdfast.relay.context.ContextStore} keeps the latest context of each call for its life plus a
 * grace and then drops it, {@link io.holdfast.relay.context.ResumeHandoff} builds the INVITE parts that
 * carry it to the next destination, and {@link io.holdfast.relay.context.CallerNumberMask} keeps caller
 * numbers out of logs. {@link io.holdfast.relay.context.ContextIntake} takes a region's context INFOs and
 * REFERs in a call's dialog (one per event loop, {@link io.holdfast.relay.context.ContextIntakes} for the
 * relay). Values are immutable and safe on any thread; a {@code ContextStore} and a {@code ContextIntake} are
 * confined to the event loop that owns their calls.
 */
package io.holdfast.relay.context;
