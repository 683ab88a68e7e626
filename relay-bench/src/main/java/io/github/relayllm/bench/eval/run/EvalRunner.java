package io.github.relayllm.bench.eval.run;

import io.github.relayllm.bench.eval.dataset.EvalSample;
import io.github.relayllm.bench.eval.judge.Judge;
import io.github.relayllm.bench.eval.judge.JudgeOutcome;
import io.github.relayllm.core.relay.remote.RemoteLlmException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the samples of one dataset through a responder: skips those already in the result file, runs
 * the others (on up to {@code concurrency} threads where the responder allows it, else one by one)
 * while the calling thread {@linkplain Responder#serve serves} what the responder needs (a scheduled
 * relay's steps), grades each and appends its line as soon as it finishes. A responder's
 * exception stops the run; every line written until then stays, so a rerun resumes.
 *
 * <p>With a {@link Judge}, every answer of this run that is not graded correct is shown to the judge
 * before its line is written, and the verdict goes into {@code judge_correct}; the judge's faults never
 * stop the run (they leave null and are counted). Resumed lines are not judged again: they keep the
 * judge fields they were written with.
 */
public final class EvalRunner {
    private final Responder responder;
    private final int concurrency;
    private final PrintWriter err;
    private final Optional<Judge> judge;

    /**
     * @param concurrency requests at once, at least 1; capped by {@link Responder#maxConcurrency}
     * @param err where progress goes
     */
    public EvalRunner(Responder responder, int concurrency, PrintWriter err) {
        this(responder, concurrency, err, Optional.empty());
    }

    /**
     * @param concurrency requests at once, at least 1; capped by {@link Responder#maxConcurrency}
     * @param err where progress and the judge's warnings go
     * @param judge the second-stage judge, if any; the caller closes it
     */
    public EvalRunner(Responder responder, int concurrency, PrintWriter err, Optional<Judge> judge) {
        this.judge = Objects.requireNonNull(judge, "judge");
        this.responder = Objects.requireNonNull(responder, "responder");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1: " + concurrency);
        }
        this.concurrency = Math.min(concurrency, responder.maxConcurrency());
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * Runs {@code samples} of dataset {@code dataset} into {@code dir/<dataset>.<policy>.jsonl}.
     *
     * @throws ResultFileException if the existing file cannot be resumed
     * @throws IOException if writing fails or the run is interrupted
     */
    public DatasetScore run(String dataset, List<EvalSample> samples, Path dir) throws IOException {
        String policy = responder.policyName();
        try (ResultFile file = ResultFile.open(dir, dataset, policy)) {
            if (file.truncatedBytes() > 0) {
                err.printf("%s: cut off an interrupted last line (%d bytes)%n", file.file(), file.truncatedBytes());
            }
            List<EvalSample> pending = new ArrayList<>();
            int resumed = 0;
            AtomicInteger correct = new AtomicInteger();
            AtomicInteger correctReference = new AtomicInteger();
            AtomicInteger correctOrJudged = new AtomicInteger();
            JudgeTally tally = new JudgeTally();
            for (EvalSample sample : samples) {
                ResultFile.Grades grades =
                        file.existing().get(new ResultFile.Key(sample.item().id(), sample.repeat()));
                if (grades == null) {
                    pending.add(sample);
                } else {
                    resumed++;
                    correct.addAndGet(grades.correct() ? 1 : 0);
                    correctReference.addAndGet(grades.correctReference() ? 1 : 0);
                    correctOrJudged.addAndGet(grades.correctOrJudged() ? 1 : 0);
                }
            }
            Progress progress = new Progress(err, dataset + " " + policy, samples.size(), resumed, System::nanoTime);
            Task task = sample -> {
                EvalRecord record = judged(answer(dataset, policy, sample), sample, tally);
                file.append(record);
                correct.addAndGet(record.correct() ? 1 : 0);
                correctReference.addAndGet(record.correctReference() ? 1 : 0);
                correctOrJudged.addAndGet(record.correctOrJudged() ? 1 : 0);
                progress.step();
            };
            serve(() -> {
                if (concurrency == 1) {
                    for (EvalSample sample : pending) {
                        task.run(sample);
                    }
                } else {
                    runConcurrently(pending, task);
                }
                return null;
            });
            progress.finish();
            if (judge.isPresent()) {
                tally.warn(err, dataset + " " + policy);
            }
            return new DatasetScore(
                    dataset,
                    policy,
                    samples.size(),
                    resumed,
                    correct.get(),
                    correctReference.get(),
                    file.file(),
                    judge.map(j -> tally.score(correctOrJudged.get())));
        }
    }

    private EvalRecord answer(String dataset, String policy, EvalSample sample) {
        long start = System.nanoTime();
        Response response = responder.respond(sample);
        double wallMs = (System.nanoTime() - start) / 1e6;
        return EvalRecord.graded(dataset, policy, sample, response, wallMs);
    }

    /** The record with the judge's verdict when there is a judge and the grader said wrong; else as it is. */
    private EvalRecord judged(EvalRecord record, EvalSample sample, JudgeTally tally) throws IOException {
        if (judge.isEmpty() || record.correct()) {
            return record;
        }
        JudgeOutcome outcome = judge.get().judge(sample.item().question(), record.gold(), record.response());
        if (outcome instanceof JudgeOutcome.Failed f && f.error().kind() == RemoteLlmException.Kind.INTERRUPTED) {
            // Not the judge's fault: the run is being stopped, and this line is not written.
            throw new InterruptedIOException("evaluation interrupted while asking the judge");
        }
        tally.add(outcome);
        return record.withJudgeCorrect(outcome.judgeCorrect());
    }

    /** Runs {@code requests} as the responder needs (a scheduled relay serves the models' steps meanwhile). */
    private void serve(Callable<Void> requests) throws IOException {
        try {
            responder.serve(requests);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("evaluation interrupted");
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private void runConcurrently(List<EvalSample> pending, Task task) throws IOException {
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> futures = new ArrayList<>(pending.size());
            for (EvalSample sample : pending) {
                futures.add(pool.submit(() -> {
                    try {
                        task.run(sample);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            try {
                for (Future<?> future : futures) {
                    future.get();
                }
            } catch (ExecutionException e) {
                pool.shutdownNow();
                throw rethrown(e.getCause());
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("evaluation interrupted");
            }
        }
    }

    private static IOException rethrown(Throwable cause) {
        return switch (cause) {
            case UncheckedIOException e -> e.getCause();
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> new IOException(cause);
        };
    }

    /** One sample answered, graded and written. */
    @FunctionalInterface
    private interface Task {
        void run(EvalSample sample) throws IOException;
    }
}
