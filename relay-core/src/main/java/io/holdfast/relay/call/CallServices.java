package io.holdfast.relay.call;

import io.holdfast.relay.events.CallIdHasher;
import io.holdfast.relay.events.RouteChangeSink;
import io.holdfast.relay.failover.FailoverPolicy;
import io.holdfast.relay.routing.RoutePolicy;
import io.holdfast.relay.time.NanoClock;

/**
 * What every call of a relay shares, whatever its loop: settings, routing, the failover policy, the resume
 * context and interceptor seams, the event log and the clock. Immutable references to thread-safe objects; any thread.
 */
record CallServices(CallSettings settings, RoutePolicy routes, FailoverPolicy failover,
                    ResumeContextSource contexts, InDialogRequestInterceptor interceptor, CallIdHasher hasher,
                    RouteChangeSink events, NanoClock clock, DrainState drain) {
}
