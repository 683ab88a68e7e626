package io.github.relayllm.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerPoolTest {

    @Test
    void runsEveryItemExactlyOnceOnTheRightWorkers() {
        try (WorkerPool pool = new WorkerPool(3)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(1000);
            AtomicIntegerArray workers = new AtomicIntegerArray(3);
            pool.forEach(1000, (item, worker) -> {
                runs.incrementAndGet(item);
                workers.incrementAndGet(worker);
            });
            for (int i = 0; i < runs.length(); i++) {
                assertThat(runs.get(i)).as("item %d", i).isEqualTo(1);
            }
            assertThat(workers.get(0) + workers.get(1) + workers.get(2)).isEqualTo(1000);
        }
    }

    @Test
    void survivesManyTinyLoopsAndIdlePauses() throws InterruptedException {
        try (WorkerPool pool = new WorkerPool(3)) {
            AtomicLong sum = new AtomicLong();
            for (int loop = 0; loop < 50_000; loop++) {
                pool.forEach(1 + loop % 4, (item, worker) -> sum.addAndGet(item + 1));
                if (loop % 10_000 == 0) {
                    Thread.sleep(5); // long enough for the helpers to park
                }
            }
            long expected = 0;
            for (int loop = 0; loop < 50_000; loop++) {
                int count = 1 + loop % 4;
                expected += (long) count * (count + 1) / 2;
            }
            assertThat(sum.get()).isEqualTo(expected);
        }
    }

    @Test
    void rethrowsAFailureOnceEveryHelperHasStopped() {
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThatThrownBy(() -> pool.forEach(100, (item, worker) -> {
                        if (item == 37) {
                            throw new IllegalArgumentException("item 37 is bad");
                        }
                    }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("item 37 is bad");
            AtomicIntegerArray runs = new AtomicIntegerArray(10);
            pool.forEach(10, (item, worker) -> runs.incrementAndGet(item));
            for (int i = 0; i < runs.length(); i++) {
                assertThat(runs.get(i)).isEqualTo(1);
            }
        }
    }

    @Test
    void aPoolOfOneRunsEverythingOnTheCaller() {
        try (WorkerPool pool = new WorkerPool(1)) {
            Thread caller = Thread.currentThread();
            pool.forEach(5, (item, worker) -> {
                assertThat(Thread.currentThread()).isSameAs(caller);
                assertThat(worker).isZero();
            });
        }
    }

    @Test
    void stopsItsThreadsWhenClosed() {
        WorkerPool pool = new WorkerPool(4);
        pool.forEach(8, (item, worker) -> {});
        pool.close();
        assertThat(pool.isTerminated()).isTrue();
        assertThatThrownBy(() -> pool.forEach(2, (item, worker) -> {})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new WorkerPool(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
