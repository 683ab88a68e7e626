package io.github.relayllm.core.batch;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.kv.KvCachePool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Runs the steps of many requests on the one thread that owns the models (a runner's staging memory
 * is confined to the thread that loaded it), batching the decodes of each model: what lets a relay
 * serve many requests at once while reading each model's weights once per step for all of them.
 *
 * <pre>{@code
 * try (StepScheduler scheduler = new StepScheduler()) {        // on the thread that loaded the models
 *     Relay relay = new Relay(slm, new LlmSide.Local(llm)).scheduledBy(scheduler);
 *     List<RelayResult> results = scheduler.serve(() -> {      // requests run on other threads
 *         try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
 *             var futures = prompts.stream().map(p -> requests.submit(() -> relay.run(p, options, NONE))).toList();
 *             ...
 *         }
 *     });
 * }
 * }</pre>
 *
 * <p>The loop: wait for queued steps; once every request woken by the last round has asked for its
 * next step (or {@code gatherWait} has passed: a request may be busy elsewhere, with the other model
 * or a remote call), run a {@link StepRound} over all of them. A step the full KV cache puts off is
 * retried with the next round; when nothing else can move, the scheduler preempts the sequence of that
 * model holding the most positions (its blocks go back to the pool, its positions are recomputed
 * before its next decode), or, if no other sequence holds any, fails the step with the cache's {@link
 * io.github.relayllm.core.kv.KvCacheFullException}.
 *
 * <p>Results do not depend on the batching (the CPU backend is batch invariant: a row's numbers are
 * the same alone or in any batch). Used outside {@link #serve} on the owner thread, a session's
 * steps run at once, alone. Cost: a lock hand-off per step per request, and the gather wait.
 */
public final class StepScheduler implements AutoCloseable {
    /** How long a round waits for requests woken by the last one, unless all are back sooner. */
    public static final Duration DEFAULT_GATHER_WAIT = Duration.ofMillis(2);

    private final Thread owner;
    private final long gatherNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock.
    private final List<SessionOp> queue = new ArrayList<>();
    private final Set<Thread> thinking = new HashSet<>();
    private final List<ScheduledSession> sessions = new ArrayList<>();
    private boolean serving;
    private boolean driverDone;
    private boolean closed;
    private Throwable failure;
    // The owner's alone.
    private final StepRound round = new StepRound();
    private List<StepRound.PutOff> putOff = List.of();
    private volatile SchedulerStats stats = SchedulerStats.NONE;

    /** A scheduler owned by the calling thread, which must be the one that loaded the models. */
    public StepScheduler() {
        this(DEFAULT_GATHER_WAIT);
    }

    /**
     * @param gatherWait how long a round may wait for the requests the last one woke
     */
    public StepScheduler(Duration gatherWait) {
        if (gatherWait.isNegative()) {
            throw new IllegalArgumentException("a negative gather wait: " + gatherWait);
        }
        this.owner = Thread.currentThread();
        this.gatherNanos = gatherWait.toNanos();
    }

    /** A new, empty sequence of {@code model}, stepped by this scheduler; any thread may use it. */
    public ScheduledSession open(Model model) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the scheduler is closed");
            }
            ScheduledSession session = new ScheduledSession(this, model);
            sessions.add(session);
            return session;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code driver} on a thread of its own and, on this one, the steps that it and the threads
     * it starts ask for, until it returns and no step is left.
     *
     * @return what {@code driver} returned
     * @throws Exception what {@code driver} threw
     * @throws IllegalStateException if not called on the thread that made the scheduler, or already serving
     */
    public <T> T serve(Callable<T> driver) throws Exception {
        requireOwner("serve");
        lock.lock();
        try {
            if (failure != null) {
                throw new IllegalStateException("the scheduler stopped after a failed step", failure);
            }
            if (serving || closed) {
                throw new IllegalStateException(closed ? "the scheduler is closed" : "already serving");
            }
            serving = true;
            driverDone = false;
        } finally {
            lock.unlock();
        }
        FutureTask<T> task = new FutureTask<>(driver);
        Thread.ofVirtual().name("relay-scheduler-driver").start(() -> {
            task.run();
            lock.lock();
            try {
                driverDone = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
        try {
            serveUntilDone();
        } finally {
            lock.lock();
            try {
                serving = false;
            } finally {
                lock.unlock();
            }
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** What the scheduler has done so far. */
    public SchedulerStats stats() {
        return stats;
    }

    /** Closes the sessions still open. Call on the owner thread, not while serving. */
    @Override
    public void close() {
        requireOwner("close");
        List<ScheduledSession> open;
        lock.lock();
        try {
            if (serving) {
                throw new IllegalStateException("close while serving");
            }
            closed = true;
            open = List.copyOf(sessions);
            sessions.clear();
        } finally {
            lock.unlock();
        }
        open.forEach(ScheduledSession::closeNow);
    }

    /** Queues {@code op} (or runs it here, on the owner outside {@link #serve}) and waits for it. */
    int await(SessionOp op) {
        if (Thread.currentThread() == owner) {
            runAlone(op);
        } else {
            lock.lock();
            try {
                if (failure != null) {
                    throw new IllegalStateException("the scheduler stopped after a failed step", failure);
                }
                if (!serving) {
                    throw new IllegalStateException(
                            "no thread is serving this scheduler: call serve() on the thread that loaded the models");
                }
                queue.add(op);
                thinking.remove(op.caller());
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        try {
            return op.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void serveUntilDone() throws InterruptedException {
        long roundEnd = System.nanoTime();
        while (true) {
            List<SessionOp> fresh = new ArrayList<>();
            lock.lock();
            try {
                if (!awaitRound(roundEnd)) {
                    return;
                }
                fresh.addAll(queue);
                queue.clear();
                thinking.clear();
            } finally {
                lock.unlock();
            }
            if (fresh.isEmpty()) {
                relieve(); // nothing moved for a whole gather wait and some step waits for blocks
            }
            runRound(fresh);
            roundEnd = System.nanoTime();
        }
    }

    /**
     * Waits until a round should run: steps are queued and every request the last round woke is back
     * (or the gather wait is over), or put-off steps waited a whole gather wait with nothing new.
     *
     * @return false when the driver is done and nothing is left
     */
    private boolean awaitRound(long roundEnd) throws InterruptedException {
        long deadline = roundEnd + gatherNanos;
        while (true) {
            boolean queued = !queue.isEmpty();
            if (!queued && putOff.isEmpty() && driverDone) {
                return false;
            }
            long left = deadline - System.nanoTime();
            if (queued && (thinking.isEmpty() || left <= 0)) {
                return true;
            }
            if (!queued && !putOff.isEmpty() && left <= 0) {
                return true;
            }
            if (queued || !putOff.isEmpty()) {
                changed.awaitNanos(left);
            } else {
                changed.await();
            }
        }
    }

    private void runRound(List<SessionOp> fresh) {
        List<SessionOp> ops = new ArrayList<>(putOff.size() + fresh.size());
        putOff.forEach(p -> ops.add(p.op()));
        ops.addAll(fresh);
        StepRound.Outcome outcome;
        try {
            outcome = round.run(ops);
        } catch (RuntimeException | Error e) {
            stop(ops, e);
            throw e;
        }
        putOff = outcome.putOff();
        stats = round.stats();
        lock.lock();
        try {
            thinking.addAll(outcome.woken());
            queue.forEach(op -> thinking.remove(op.caller())); // back already, before the round ended
            sessions.removeIf(ScheduledSession::isClosed);
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a failure no step can be trusted to: fails every operation of the round and every queued
     * one, so that no request waits for ever, and refuses later ones.
     */
    private void stop(List<SessionOp> round, Throwable cause) {
        lock.lock();
        try {
            failure = cause;
            round.forEach(op -> op.done().completeExceptionally(cause));
            queue.forEach(op -> op.done().completeExceptionally(cause));
            queue.clear();
            putOff = List.of();
        } finally {
            lock.unlock();
        }
    }

    /** Runs one step on the owner, making room by preemption while the cache is full. */
    private void runAlone(SessionOp op) {
        putOff = round.run(List.of(op)).putOff();
        while (!putOff.isEmpty()) {
            relieve();
        }
        stats = round.stats();
    }

    /**
     * Makes room for the oldest put-off step: preempts the other sequences of its model that hold the
     * most positions until the blocks it lacked are free, or, if the others hold too few, fails the
     * step with the cache's exception.
     */
    private void relieve() {
        if (putOff.isEmpty()) {
            return;
        }
        StepRound.PutOff first = putOff.getFirst();
        ScheduledSession waiting = first.op().session();
        KvCachePool pool = waiting.model().cachePool();
        List<ScheduledSession> victims;
        lock.lock();
        try {
            victims = sessions.stream()
                    .filter(s -> s != waiting && s.runner() == waiting.runner() && s.isOpen() && s.cachedLength() > 0)
                    .sorted(Comparator.comparingInt(ScheduledSession::cachedLength)
                            .reversed())
                    .toList();
        } finally {
            lock.unlock();
        }
        int held =
                victims.stream().mapToInt(s -> pool.blocksFor(s.cachedLength())).sum();
        if (pool.freeBlocks() + held < first.cause().blocksNeeded()) {
            putOff = putOff.subList(1, putOff.size());
            first.op().done().completeExceptionally(first.cause());
            return;
        }
        for (ScheduledSession victim : victims) {
            if (pool.freeBlocks() >= first.cause().blocksNeeded()) {
                break;
            }
            victim.preempt();
            round.countPreemption();
        }
        // Alone, so that no victim's own put-off step takes the blocks back first.
        List<StepRound.PutOff> rest = putOff.subList(1, putOff.size());
        List<StepRound.PutOff> still = round.run(List.of(first.op())).putOff();
        putOff = Stream.concat(still.stream(), rest.stream()).toList();
        stats = round.stats();
    }

    private void requireOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("%s on %s: the scheduler belongs to %s, the thread that made it"
                    .formatted(what, Thread.currentThread(), owner));
        }
    }
}
