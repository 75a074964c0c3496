package dev.supportdesk.contract;

import dev.supportdesk.tickets.Response;
import dev.supportdesk.tickets.TicketStore;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real store whose response writes wait until {@code parties} of them have arrived, then all go at
 * once: requests that have all looked for their response and missed it, writing in the same instant.
 */
final class SimultaneousResponseWrites extends ForwardingTicketStore {

    private final CyclicBarrier allArrived;

    SimultaneousResponseWrites(TicketStore delegate, int parties) {
        super(delegate);
        this.allArrived = new CyclicBarrier(parties);
    }

    @Override
    public void addResponse(Response response) {
        try {
            allArrived.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException | TimeoutException e) {
            // a party never came: write anyway, and let the assertions say what was stored
        }
        delegate.addResponse(response);
    }
}
