package io.holdfast.sip.transaction;

import io.holdfast.sip.message.SipMessage;
import io.holdfast.sip.message.SipRequest;
import io.holdfast.sip.message.SipResponse;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A context for one machine under test: records what it sends and reports, runs its timers on a {@link FakeLoop}. */
final class RecordingContext implements ClientTransactionContext, ServerTransactionContext {
    final FakeLoop loop = new FakeLoop();
    final List<SipMessage> sent = new ArrayList<>();
    final List<SipResponse> responsesToTu = new ArrayList<>();
    final List<SipRequest> acksToTu = new ArrayList<>();
    final Map<TransactionCounter, Integer> counts = new EnumMap<>(TransactionCounter.class);
    final Map<TimerKind, OwnerLoop.Timer> timers = new EnumMap<>(TimerKind.class);
    final Map<TimerKind, Long> lastDelayMs = new EnumMap<>(TimerKind.class);
    int timeouts;
    int transportErrors;
    int terminations;
    private Consumer<TimerKind> onTimer = kind -> {
        throw new IllegalStateException("no machine attached");
    };

    void attach(Consumer<TimerKind> machineOnTimer) {
        this.onTimer = machineOnTimer;
    }

    @Override
    public void send(SipMessage message) {
        sent.add(message);
    }

    @Override
    public void schedule(TimerKind timer, long delayMs) {
        cancel(timer);
        lastDelayMs.put(timer, delayMs);
        timers.put(timer, loop.schedule(() -> {
            timers.remove(timer);
            onTimer.accept(timer);
        }, delayMs));
    }

    @Override
    public void cancel(TimerKind timer) {
        OwnerLoop.Timer pending = timers.remove(timer);
        if (pending != null) {
            pending.cancel();
        }
    }

    @Override
    public void count(TransactionCounter counter) {
        counts.merge(counter, 1, Integer::sum);
    }

    @Override
    public void terminated() {
        terminations++;
        for (OwnerLoop.Timer timer : timers.values()) {
            timer.cancel();
        }
        timers.clear();
    }

    @Override
    public void reportResponse(SipResponse response) {
        responsesToTu.add(response);
    }

    @Override
    public void reportAck(SipRequest ack) {
        acksToTu.add(ack);
    }

    @Override
    public void reportTimeout() {
        timeouts++;
    }

    @Override
    public void reportTransportError() {
        transportErrors++;
    }

    int counted(TransactionCounter counter) {
        return counts.getOrDefault(counter, 0);
    }

    boolean isPending(TimerKind timer) {
        return timers.containsKey(timer);
    }

    SipMessage lastSent() {
        return sent.get(sent.size() - 1);
    }
}
