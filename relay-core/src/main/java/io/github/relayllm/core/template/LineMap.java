package io.github.relayllm.core.template;

import java.util.Arrays;

/** Turns offsets into the template source into 1-based line and column numbers. */
final class LineMap {
    private final int[] lineStarts;

    LineMap(String source) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i + 1;
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    Position at(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        int line = index >= 0 ? index : -index - 2;
        return new Position(line + 1, offset - lineStarts[line] + 1);
    }
}
