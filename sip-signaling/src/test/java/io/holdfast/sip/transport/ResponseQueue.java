package io.holdfast.sip.transport;

import io.holdfast.sip.message.SipResponse;
import io.holdfast.sip.transaction.ClientTransaction;
import io.holdfast.sip.transaction.ClientTransactionListener;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A client listener for integration tests: queues every response, counts timeouts and transport errors. */
final class ResponseQueue implements ClientTransactionListener {
    private final BlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
    final AtomicInteger timeouts = new AtomicInteger();
    final AtomicInteger transportErrors = new AtomicInteger();

    @Override
    public void onProvisional(ClientTransaction transaction, SipResponse response) {
        responses.add(response);
    }

    @Override
    public void onFinal(ClientTransaction transaction, SipResponse response) {
        responses.add(response);
    }

    @Override
    public void onTimeout(ClientTransaction transaction) {
        timeouts.incrementAndGet();
    }

    @Override
    public void onTransportError(ClientTransaction transaction) {
        transportErrors.incrementAndGet();
    }

    /** The next response with a status of at least {@code minStatus}, waiting at most {@code timeout}. */
    SipResponse next(int minStatus, Duration timeout) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true) {
            long leftNs = deadlineNs - System.nanoTime();
            if (leftNs <= 0) {
                throw new AssertionError("no response >= " + minStatus + " within " + timeout);
            }
            SipResponse response = responses.poll(leftNs, TimeUnit.NANOSECONDS);
            if (response != null && response.statusCode() >= minStatus) {
                return response;
            }
        }
    }
}
