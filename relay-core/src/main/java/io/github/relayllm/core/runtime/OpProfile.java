package io.github.relayllm.core.runtime;

import io.github.relayllm.core.model.WeightName;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.OpTimes;
import io.github.relayllm.kernels.backend.RowCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Where the time of a run of steps went, op by op: the forward pass's ops grouped by kind and, for ops
 * that read a weight, by the weight's role (every layer's {@code ffn_down} matmul is one line), with
 * milliseconds per step and, for matmuls, the weight bytes they stream and the multiply-adds they do
 * per step, and the rates those make (a decode step should read at the memory bandwidth; a prefill
 * chunk reuses each weight for every token and is bound by arithmetic instead). Made by {@link ModelRunner#stopProfiling()}; this is how one finds which op keeps a
 * decode step from the memory-bandwidth limit.
 *
 * @param steps the steps timed
 * @param lines one line per group of ops, the most time first
 */
public record OpProfile(long steps, List<Line> lines) {
    public OpProfile {
        lines = List.copyOf(lines);
    }

    /**
     * One group of ops.
     *
     * @param op the op kind, e.g. {@code matmul}, {@code attention}
     * @param weight the role of the weight the ops read (e.g. {@code ffn_down}), empty for ops without one
     * @param opsPerStep how many ops of the pass the line sums
     * @param millisPerStep their time per step
     * @param share their fraction of the time of all ops
     * @param weightBytesPerStep the weight bytes matmuls read per step (0 for other ops)
     * @param multiplyAddsPerStep the multiply-adds matmuls do per step, on average (0 for other ops)
     */
    public record Line(
            String op,
            String weight,
            int opsPerStep,
            double millisPerStep,
            double share,
            long weightBytesPerStep,
            double multiplyAddsPerStep) {
        /** The rate the line's matmuls read their weights at, GB/s; empty for other ops. */
        public OptionalDouble gigabytesPerSecond() {
            return weightBytesPerStep == 0 || millisPerStep == 0
                    ? OptionalDouble.empty()
                    : OptionalDouble.of(weightBytesPerStep / (millisPerStep * 1e6));
        }

        /** The line's matmuls' arithmetic rate, GFLOP/s (two per multiply-add); empty for other ops. */
        public OptionalDouble gigaflopsPerSecond() {
            return multiplyAddsPerStep == 0 || millisPerStep == 0
                    ? OptionalDouble.empty()
                    : OptionalDouble.of(2 * multiplyAddsPerStep / (millisPerStep * 1e6));
        }
    }

    /** Milliseconds per step of all ops together. */
    public double millisPerStep() {
        return lines.stream().mapToDouble(Line::millisPerStep).sum();
    }

    /**
     * Groups {@code times} of the plan of {@code ops}.
     *
     * @param weightNames the weight a buffer holds, empty for activations and caches
     * @param tokens the token rows of all the steps timed together, to count multiply-adds
     * @param outputs their output rows
     */
    static OpProfile of(
            List<Op> ops,
            Function<Buffer, Optional<WeightName>> weightNames,
            OpTimes times,
            long tokens,
            long outputs) {
        record Key(String op, String weight) {}
        record Sum(int ops, long nanos, long weightBytes, double multiplyAdds) {
            Sum plus(Sum more) {
                return new Sum(
                        ops + more.ops,
                        nanos + more.nanos,
                        weightBytes + more.weightBytes,
                        multiplyAdds + more.multiplyAdds);
            }
        }
        Map<Key, Sum> sums = new LinkedHashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Optional<Buffer> weight = weightOf(op);
            Key key = new Key(
                    kindOf(op),
                    weight.flatMap(weightNames)
                            .map(name -> name.kind().name().toLowerCase(Locale.ROOT))
                            .orElse(""));
            Sum sum = op instanceof Op.MatMul matMul
                    ? new Sum(
                            1,
                            times.nanos(i),
                            matMul.weight().byteSize(),
                            (double) matMul.weight().shape().elementCount()
                                    * (matMul.rows() == RowCount.TOKENS ? tokens : outputs))
                    : new Sum(1, times.nanos(i), 0, 0);
            sums.merge(key, sum, Sum::plus);
        }
        long steps = times.steps();
        double total = times.totalNanos();
        List<Line> lines = new ArrayList<>();
        sums.forEach((key, sum) -> lines.add(new Line(
                key.op(),
                key.weight(),
                sum.ops(),
                steps == 0 ? 0 : sum.nanos() / 1e6 / steps,
                total == 0 ? 0 : sum.nanos() / total,
                sum.weightBytes(),
                steps == 0 ? 0 : sum.multiplyAdds() / steps)));
        lines.sort(Comparator.comparingDouble(Line::millisPerStep).reversed());
        return new OpProfile(steps, lines);
    }

    /** The weight an op reads, if it reads one. */
    private static Optional<Buffer> weightOf(Op op) {
        return switch (op) {
            case Op.MatMul matMul -> Optional.of(matMul.weight());
            case Op.Embed embed -> Optional.of(embed.table());
            case Op.RmsNorm rmsNorm -> Optional.of(rmsNorm.weight());
            default -> Optional.empty();
        };
    }

    private static String kindOf(Op op) {
        return switch (op) {
            case Op.Embed e -> "embed";
            case Op.MatMul m -> "matmul";
            case Op.RmsNorm r -> "rms_norm";
            case Op.SwiGlu s -> "swiglu";
            case Op.Add a -> "add";
            case Op.Softmax s -> "softmax";
            case Op.Argmax a -> "argmax";
            case Op.Gather g -> "gather";
            case Op.Rope r -> "rope";
            case Op.StoreKv s -> "store_kv";
            case Op.Attention a -> "attention";
        };
    }
}
