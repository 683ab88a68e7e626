package io.github.relayllm.bench.eval.report;

import java.util.List;

/**
 * The plot's x scale for call ratios in percent: symmetric-log, linear below {@link #LINEAR_BELOW}
 * percent and logarithmic above, over [0, 100]. Why: the points that matter sit at 0 (SLM alone, the
 * paper's no-call baselines), around 1% (RelayLLM, CITER) and up to 100% (LLM alone, dense random
 * routers); a linear axis crushes everything below 5% into one pixel column and a log axis cannot
 * show 0. Position is {@code log10(1 + p / 0.1) / log10(1 + 100 / 0.1)}, in [0, 1].
 */
final class CallRatioAxis {
    static final double LINEAR_BELOW = 0.1;
    static final List<Double> TICKS = List.of(0.0, 0.1, 1.0, 10.0, 100.0);
    private static final double TOP = Math.log10(1 + 100 / LINEAR_BELOW);

    private CallRatioAxis() {}

    /** Where call ratio {@code percent} lies along the axis, 0 at 0% and 1 at 100%. */
    static double position(double percent) {
        return Math.log10(1 + Math.max(0, percent) / LINEAR_BELOW) / TOP;
    }
}
