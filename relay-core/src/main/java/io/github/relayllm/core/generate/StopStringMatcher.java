package io.github.relayllm.core.generate;

import java.util.List;
import java.util.Optional;

/**
 * Finds stop strings in text that arrives in pieces (one decoded token at a time), even when a stop
 * string spans several pieces, and says which text is safe to show: text that might still turn out
 * to be the start of a stop string is held back until the next piece settles it.
 *
 * <p>When a stop string is found, the text ends at it: the stop string itself is kept or dropped as
 * configured, and anything after it in the same piece is dropped. Cost per piece: proportional to
 * the held text times the number of stop strings (both small).
 */
public final class StopStringMatcher {
    private final List<String> stops;
    private final boolean keepStop;
    private final StringBuilder held = new StringBuilder();
    private String matched;

    /**
     * @param stops the stop strings (none empty)
     * @param keepStop whether the found stop string is part of the output (the relay protocol keeps
     *     {@code </call>})
     */
    public StopStringMatcher(List<String> stops, boolean keepStop) {
        for (String stop : stops) {
            if (stop.isEmpty()) {
                throw new IllegalArgumentException("a stop string can not be empty");
            }
        }
        this.stops = List.copyOf(stops);
        this.keepStop = keepStop;
    }

    /**
     * Adds {@code piece} and returns the text that is now final. After a stop string is found,
     * {@link #stop()} names it and further pieces are ignored.
     */
    public String push(String piece) {
        if (matched != null) {
            return "";
        }
        held.append(piece);
        int earliest = -1;
        String found = null;
        for (String stop : stops) {
            int at = held.indexOf(stop);
            if (at >= 0 && (earliest < 0 || at < earliest || (at == earliest && stop.length() > found.length()))) {
                earliest = at;
                found = stop;
            }
        }
        if (found != null) {
            matched = found;
            String out = held.substring(0, keepStop ? earliest + found.length() : earliest);
            held.setLength(0);
            return out;
        }
        int keep = longestSuffixThatStartsAStop();
        String out = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return out;
    }

    /** The text held back when no more pieces will come (generation ended for another reason). */
    public String flush() {
        String out = held.toString();
        held.setLength(0);
        return out;
    }

    /** The stop string found, if any. */
    public Optional<String> stop() {
        return Optional.ofNullable(matched);
    }

    /** Whether {@code text} ends with the first {@code length} characters of {@code stop}. */
    private static boolean endsWith(StringBuilder text, String stop, int length) {
        int from = text.length() - length;
        for (int i = 0; i < length; i++) {
            if (text.charAt(from + i) != stop.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int longestSuffixThatStartsAStop() {
        int longest = 0;
        for (String stop : stops) {
            for (int length = Math.min(stop.length() - 1, held.length()); length > longest; length--) {
                if (endsWith(held, stop, length)) {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }
}
