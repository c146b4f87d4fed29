package io.holdfast.rtp.relay;

import java.net.InetSocketAddress;

/**
 * Symmetric-RTP latching of one media port's remote address, with the defences against RTP Bleed and RTP Inject
 * that ES2025-01 (CVE-2025-53399) showed a relay needs: learn only from packets that already passed validation,
 * only inside a bounded window after signalling, prefer the signalled address over anything learnt, and never
 * re-latch once the window has closed.
 *
 * <pre>
 *              signal(addr)                      packet from signalled address
 *  UNSIGNALLED ────────────► AWAITING ─────────────────────────────────────────► LATCHED (final)
 *                              │  packet from another source, window open             ▲
 *                              ▼  (LEARN_WITHIN_WINDOW only)                           │
 *                           PROVISIONAL ── better-ranked source, window open ──┐       │
 *                              │  ▲                                            │       │
 *                              │  └────────────────────────────────────────────┘       │
 *                              └── window closes, or packet from signalled address ─────┘
 *  signal(addr) from any state starts again at AWAITING with a new window (re-INVITE, retarget); the remote
 *  used before a change of address is never learnt again (the old upstream after a retarget).
 * </pre>
 *
 * Ranks: the signalled address itself beats the signalled host on another port, which beats any other host. A
 * packet that is not accepted is dropped by the caller and counted as a foreign source.
 *
 * <p>Confined to the session's event loop.
 */
final class RemoteLatch {

    /** Latch states. */
    enum State {
        /** No remote address signalled yet: nothing is accepted. */
        UNSIGNALLED,
        /** Signalled, nothing latched yet: only the signalled address (or, learning, any source) is accepted. */
        AWAITING,
        /** Learnt a non-signalled source inside the window; a better-ranked one may still replace it. */
        PROVISIONAL,
        /** Final: only the latched remote is accepted. */
        LATCHED
    }

    /** What to do with a packet. */
    enum Decision {
        /** Accept: it comes from the latched (or provisional) remote. */
        ACCEPT,
        /** Accept, and the remote changed: point the channel at {@link #remote()}. */
        LATCH,
        /** Drop: foreign source. */
        DROP
    }

    private static final int RANK_OTHER_HOST = 1;
    private static final int RANK_SIGNALLED_HOST = 2;

    private final LatchPolicy policy;
    private final long learningWindowNs;
    private State state = State.UNSIGNALLED;
    private InetSocketAddress signalled;
    private InetSocketAddress remote;
    private InetSocketAddress excluded;
    private int remoteRank;
    private long windowEndNs;
    private boolean windowOpen;

    RemoteLatch(LatchPolicy policy, long learningWindowNs) {
        this.policy = policy;
        this.learningWindowNs = learningWindowNs;
    }

    /** Sets (or changes) the signalled address: latching starts again, with a new learning window from now. */
    void signal(InetSocketAddress address, long nowNs) {
        final InetSocketAddress previous = remote != null ? remote : signalled;
        if (previous != null && !previous.equals(address)) {
            excluded = previous;
        }
        signalled = address;
        remote = null;
        remoteRank = 0;
        windowEndNs = nowNs + learningWindowNs;
        windowOpen = address != null && policy == LatchPolicy.LEARN_WITHIN_WINDOW;
        state = address == null ? State.UNSIGNALLED : State.AWAITING;
    }

    /** Decides about a packet from {@code source} that passed validation. */
    Decision onPacket(InetSocketAddress source, long nowNs) {
        switch (state) {
            case LATCHED:
                return source.equals(remote) ? Decision.ACCEPT : Decision.DROP;
            case AWAITING:
            case PROVISIONAL:
                return onLearningPacket(source, nowNs);
            default:
                return Decision.DROP;
        }
    }

    /**
     * Closes the learning window if it is due: a provisional remote becomes final, and from then on only the
     * latched remote, or the signalled address if nothing was latched, can be accepted.
     *
     * @return true exactly once per signalling, when the window closes
     */
    boolean onWindowEnd(long nowNs) {
        if (!windowOpen || windowEndNs - nowNs > 0) {
            return false;
        }
        windowOpen = false;
        if (state == State.PROVISIONAL) {
            state = State.LATCHED;
        }
        return true;
    }

    /** Returns whether only one source can ever be accepted from now on (so the socket may be connected to it). */
    boolean isStrict(long nowNs) {
        return state == State.LATCHED
                || (state == State.AWAITING && (!windowOpen || windowEndNs - nowNs <= 0));
    }

    /** Returns where to send: the latched or provisional remote, else the signalled address, else null. */
    InetSocketAddress target() {
        return remote != null ? remote : signalled;
    }

    /** Returns the latched or provisional remote, or null. */
    InetSocketAddress remote() {
        return remote;
    }

    /** Returns the signalled address, or null. */
    InetSocketAddress signalled() {
        return signalled;
    }

    /** Returns when the learning window closes. */
    long windowEndNs() {
        return windowEndNs;
    }

    State state() {
        return state;
    }

    private Decision onLearningPacket(InetSocketAddress source, long nowNs) {
        if (source.equals(signalled)) {
            state = State.LATCHED;
            final boolean changed = !source.equals(remote);
            remote = source;
            return changed ? Decision.LATCH : Decision.ACCEPT;
        }
        if (state == State.PROVISIONAL && source.equals(remote)) {
            return Decision.ACCEPT;
        }
        if (!windowOpen || windowEndNs - nowNs <= 0 || source.equals(excluded)) {
            return Decision.DROP;
        }
        final int rank = source.getAddress().equals(signalled.getAddress()) ? RANK_SIGNALLED_HOST : RANK_OTHER_HOST;
        if (state == State.PROVISIONAL && rank <= remoteRank) {
            return Decision.DROP;
        }
        state = State.PROVISIONAL;
        remote = source;
        remoteRank = rank;
        return Decision.LATCH;
    }
}
