package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Value.BoolValue;
import io.github.relayllm.core.template.Value.IntValue;
import io.github.relayllm.core.template.Value.NoneValue;

/**
 * The positions a Python slice {@code [start:stop:step]} selects from a sequence of a given length,
 * with Python's clamping of out-of-range and negative bounds ({@code PySlice_AdjustIndices}).
 */
record SliceRange(int start, int step, int count) {
    static SliceRange of(int length, Value start, Value stop, Value step) {
        long stepValue = bound(step, 1);
        if (stepValue == 0) {
            throw new RenderError("slice step cannot be zero");
        }
        boolean backwards = stepValue < 0;
        long first =
                start instanceof NoneValue ? (backwards ? length - 1 : 0) : clamp(bound(start, 0), length, backwards);
        long end = stop instanceof NoneValue ? (backwards ? -1 : length) : clamp(bound(stop, 0), length, backwards);
        long count;
        if (backwards) {
            count = first > end ? (first - end - 1) / -stepValue + 1 : 0;
        } else {
            count = end > first ? (end - first - 1) / stepValue + 1 : 0;
        }
        int safeStep = (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, stepValue));
        return new SliceRange((int) first, safeStep, (int) count);
    }

    /** The sequence position of the {@code i}-th selected element. */
    int position(int i) {
        return start + i * step;
    }

    private static long bound(Value value, long absent) {
        return switch (value) {
            case NoneValue none -> absent;
            case IntValue i -> i.value();
            case BoolValue b -> b.value() ? 1 : 0;
            default -> throw new RenderError("slice indices must be integers or None");
        };
    }

    private static long clamp(long index, int length, boolean backwards) {
        long adjusted = index < 0 ? index + length : index;
        if (adjusted < 0) {
            return backwards ? -1 : 0;
        }
        if (adjusted >= length) {
            return backwards ? length - 1 : length;
        }
        return adjusted;
    }
}
