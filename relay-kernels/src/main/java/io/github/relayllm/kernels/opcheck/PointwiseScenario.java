package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;

/**
 * The elementwise ops of two operands, {@link Op.Add} and {@link Op.SwiGlu}, optionally writing into
 * their first operand.
 *
 * <p>The arrays are shared, not copied, and never written: the scenario is immutable as long as its
 * creator does not change them.
 *
 * @param first {@code [rows][width]}: {@code a} of add, the gate of SwiGLU
 * @param second as {@code first}: {@code b} of add, the up projection of SwiGLU
 */
public record PointwiseScenario(Kind kind, float[][] first, float[][] second, boolean inPlace) implements OpScenario {

    /** Which op. */
    public enum Kind {
        ADD,
        SWIGLU
    }

    @Override
    public int rows() {
        return first.length;
    }

    @Override
    public double tolerance() {
        return Nmse.ELEMENTWISE;
    }

    @Override
    public float[][] run(BackendDriver driver, int[] selection) {
        int rows = selection.length;
        Buffer a = driver.rows(OpScenario.pick(first, selection));
        Buffer b = driver.rows(OpScenario.pick(second, selection));
        Buffer out = inPlace ? a : driver.zeros(DType.F32, rows, first[0].length);
        Op op = kind == Kind.ADD ? new Op.Add(a, b, out, RowCount.TOKENS) : new Op.SwiGlu(a, b, out, RowCount.TOKENS);
        driver.run(new Step(rows, rows), op);
        return driver.readRows(out, rows);
    }

    @Override
    public String op() {
        return kind == Kind.ADD ? "Add" : "SwiGlu";
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    @Override
    public String shape() {
        return "width=%d rows=%d%s".formatted(first[0].length, first.length, inPlace ? " in-place" : "");
    }

    @Override
    public long work() {
        return (long) first.length * first[0].length;
    }

    @Override
    public String toString() {
        return label();
    }
}
