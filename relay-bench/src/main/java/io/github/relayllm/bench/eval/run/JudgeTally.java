package io.github.relayllm.bench.eval.run;

import io.github.relayllm.bench.eval.judge.JudgeOutcome;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The judge outcomes of one dataset's run, counted as they come from any thread, with the first
 * failure and the first reply without a verdict kept as examples for the warnings. Thread-safe; each
 * outcome costs a few atomic updates.
 */
final class JudgeTally {
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger unparseable = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicReference<String> firstUnparseable = new AtomicReference<>();

    void add(JudgeOutcome outcome) {
        calls.incrementAndGet();
        switch (outcome) {
            case JudgeOutcome.Judged judged -> {}
            case JudgeOutcome.Unparseable u -> {
                unparseable.incrementAndGet();
                firstUnparseable.compareAndSet(null, u.reply());
            }
            case JudgeOutcome.Failed f -> {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, f.error().getMessage());
            }
        }
    }

    /** One warning line on {@code err} for failed calls and one for replies without a verdict, if any. */
    void warn(PrintWriter err, String label) {
        if (failed.get() > 0) {
            err.printf(
                    "%s: %d of %d judge calls failed, judge_correct left null; the first: %s%n",
                    label, failed.get(), calls.get(), firstFailure.get());
        }
        if (unparseable.get() > 0) {
            String reply = firstUnparseable.get().strip().replaceAll("\\s+", " ");
            err.printf(
                    "%s: %d of %d judge replies had no verdict, judge_correct left null; the first: \"%s\"%n",
                    label,
                    unparseable.get(),
                    calls.get(),
                    reply.length() <= 80 ? reply : reply.substring(0, 80) + "...");
        }
        err.flush();
    }

    JudgeScore score(int correctOrJudged) {
        return new JudgeScore(correctOrJudged, calls.get(), failed.get(), unparseable.get());
    }
}
