package io.github.relayllm.kernels.opcheck;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Picks the small grid out of a full one. Of the scenarios within {@link #WORK_LIMIT}, it keeps the
 * smallest and the largest of each op and dtype (the smallest are the edge cases, a single element or
 * row; the largest cross blocks and vector widths), then the largest of each op and set of flags that
 * is still missing (a RoPE layout, ties in argmax, an in-place variant), so that every code path the
 * full grid reaches at an affordable size is still reached once.
 */
final class SmallGrid {
    /**
     * The most work a small scenario may take: a matmul of 33 outputs of 32 elements for 17 rows, or
     * three k-quant super-blocks for 7 outputs and 4 rows; attention over a few dozen positions.
     */
    static final long WORK_LIMIT = 25_000;

    private static final Comparator<OpScenario> BY_WORK = Comparator.comparingLong(OpScenario::work);

    private SmallGrid() {}

    /** The small subset of {@code grid}, in the grid's order. */
    static List<OpScenario> of(List<OpScenario> grid) {
        List<OpScenario> affordable =
                grid.stream().filter(s -> s.work() <= WORK_LIMIT).toList();
        Set<OpScenario> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<OpScenario> group : groups(affordable, s -> s.op() + " " + s.dtype())) {
            kept.add(group.stream().min(BY_WORK).orElseThrow());
            kept.add(group.stream().max(BY_WORK).orElseThrow());
        }
        for (List<OpScenario> group : groups(affordable, s -> s.op() + " " + flags(s))) {
            if (group.stream().noneMatch(kept::contains)) {
                kept.add(group.stream().max(BY_WORK).orElseThrow());
            }
        }
        return grid.stream().filter(kept::contains).toList();
    }

    private static Iterable<List<OpScenario>> groups(List<OpScenario> scenarios, Function<OpScenario, String> key) {
        Map<String, List<OpScenario>> groups =
                scenarios.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
        return groups.values();
    }

    /** The words of the shape that are not sizes: the code paths the scenario takes. */
    private static String flags(OpScenario scenario) {
        return Arrays.stream(scenario.shape().split(" "))
                .filter(word -> !word.contains("="))
                .collect(Collectors.joining(" "));
    }
}
