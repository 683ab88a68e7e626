package io.github.relayllm.kernels.cpu;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of platform threads that run parallel loops, one loop at a time, for the thread that
 * drives a backend. The calling thread is worker 0 and works too; {@code threads - 1} daemon threads
 * help it.
 *
 * <p>A decode step runs hundreds of small loops, so starting and joining one must cost microseconds,
 * not the tens of an executor: the caller hands each helper a ticket (a volatile write), helpers claim
 * items from one shared counter, and the last one to finish releases the caller. Waiting threads spin,
 * then yield, then park ({@link Backoff}), so an idle pool costs no CPU. A loop allocates nothing. Which thread runs which item varies from run to run, so a body's result for an item must
 * not depend on its worker index (kernels use it only to pick scratch memory).
 *
 * <p>One thread at a time may call {@link #forEach}. An exception thrown by a body stops the loop
 * (items not yet claimed are skipped) and is rethrown to the caller once every helper has stopped.
 */
final class WorkerPool implements AutoCloseable {
    private final Worker[] helpers;
    private final AtomicInteger nextItem = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Backoff callerBackoff = new Backoff();
    private volatile Thread parkedCaller;
    private volatile boolean closed;

    // The current loop; published to helpers by the volatile write of their ticket.
    private ParallelBody body;
    private int itemCount;
    private long loops;

    /** A pool of {@code threads} threads in all, the caller included. */
    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a pool needs at least one thread: " + threads);
        }
        helpers = new Worker[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Worker(i + 1);
        }
    }

    /** Threads in all, the caller included. */
    int threads() {
        return helpers.length + 1;
    }

    /** Whether every thread of the pool may access memory that {@code segment}'s arena confines. */
    boolean canAccess(MemorySegment segment) {
        for (Worker helper : helpers) {
            if (!segment.isAccessibleBy(helper.thread)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs {@code body} for every item in {@code [0, count)}, spread over the pool, and returns when all
     * have run. Uses no more helpers than there are items beyond the caller's first.
     *
     * @throws IllegalStateException if the pool is closed
     */
    void forEach(int count, ParallelBody body) {
        if (closed) {
            throw new IllegalStateException("the worker pool is closed");
        }
        int active = Math.min(helpers.length, count - 1);
        if (active <= 0) {
            for (int item = 0; item < count; item++) {
                body.run(item, 0);
            }
            return;
        }
        this.body = body;
        this.itemCount = count;
        nextItem.set(0);
        running.set(active);
        long ticket = ++loops;
        for (int i = 0; i < active; i++) {
            helpers[i].start(ticket);
        }
        runItems(0);
        awaitHelpers();
        Throwable thrown = failure.getAndSet(null);
        if (thrown != null) {
            throw rethrowable(thrown);
        }
    }

    /** Stops the helpers (they exit after their current loop) and waits briefly for them. */
    @Override
    public void close() {
        closed = true;
        for (Worker helper : helpers) {
            helper.start(++loops);
        }
        for (Worker helper : helpers) {
            try {
                helper.thread.join(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether every helper thread has exited (after {@link #close()}). */
    boolean isTerminated() {
        for (Worker helper : helpers) {
            if (helper.thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private void runItems(int worker) {
        ParallelBody loopBody = body;
        int count = itemCount;
        try {
            for (int item = nextItem.getAndIncrement(); item < count; item = nextItem.getAndIncrement()) {
                loopBody.run(item, worker);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            nextItem.set(count);
        }
    }

    private void awaitHelpers() {
        callerBackoff.reset();
        while (running.get() != 0) {
            if (callerBackoff.pause()) {
                parkedCaller = Thread.currentThread();
                if (running.get() != 0) {
                    LockSupport.park(this);
                }
                parkedCaller = null;
            }
        }
    }

    private void finishedOne() {
        if (running.decrementAndGet() == 0) {
            Thread caller = parkedCaller;
            if (caller != null) {
                LockSupport.unpark(caller);
            }
        }
    }

    private static RuntimeException rethrowable(Throwable thrown) {
        if (thrown instanceof RuntimeException runtime) {
            return runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("a parallel loop failed", thrown);
    }

    /** A helper thread and its mailbox: the ticket of the loop it should join next. */
    private final class Worker {
        private final int worker;
        private final Thread thread;
        private volatile long ticket;
        private volatile boolean parked;
        private final Backoff backoff = new Backoff();

        Worker(int worker) {
            this.worker = worker;
            this.thread =
                    Thread.ofPlatform().name("relay-cpu-" + worker).daemon(true).start(this::loop);
        }

        /** Called by the caller: join the loop with this ticket. */
        void start(long newTicket) {
            ticket = newTicket;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        private void loop() {
            long seen = 0;
            while (true) {
                seen = awaitTicket(seen);
                if (closed) {
                    return;
                }
                runItems(worker);
                finishedOne();
            }
        }

        private long awaitTicket(long seen) {
            backoff.reset();
            while (ticket == seen) {
                if (backoff.pause()) {
                    // Dekker with start(): either the caller sees parked and unparks, or we see the ticket.
                    parked = true;
                    if (ticket == seen) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
            return ticket;
        }
    }
}
