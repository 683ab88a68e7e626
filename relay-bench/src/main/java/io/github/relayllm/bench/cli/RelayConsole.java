package io.github.relayllm.bench.cli;

import io.github.relayllm.core.relay.Author;
import io.github.relayllm.core.relay.RelayAccounting;
import io.github.relayllm.core.relay.RelayListener;
import io.github.relayllm.core.relay.RelayResult;
import io.github.relayllm.core.relay.RelayTimings;
import io.github.relayllm.core.relay.protocol.ProtocolOutcome;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A relay on the terminal: the answer streamed as it is written with each author marked (colours on a
 * terminal, brackets around LLM text elsewhere), then the accounting table.
 */
final class RelayConsole implements RelayListener {
    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final boolean colour;
    private Author current;

    RelayConsole(PrintWriter out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    /** Colours when stdout is a terminal (and {@code NO_COLOR} is unset). */
    static boolean terminal() {
        return System.console() != null && System.console().isTerminal() && System.getenv("NO_COLOR") == null;
    }

    @Override
    public void onText(Author author, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (author != current) {
            out.print(close(current) + open(author));
            current = author;
        }
        out.print(text);
        out.flush();
    }

    /** Ends the streamed answer and prints the legend. */
    void finish() {
        out.println(close(current));
        current = null;
        out.println(
                colour
                        ? "(" + open(Author.SLM) + "SLM" + RESET + ", " + open(Author.LLM) + "LLM" + RESET + ", "
                                + open(Author.SCHEDULER) + "scheduler" + RESET + ")"
                        : "(LLM text between [[ and ]], scheduler-written tags between {{ and }})");
    }

    private String open(Author author) {
        if (author == null) {
            return "";
        }
        if (colour) {
            return switch (author) {
                case SLM -> "";
                case LLM -> "\u001b[1;33m";
                case SCHEDULER -> "\u001b[36m";
                case MARKER -> "\u001b[31m";
            };
        }
        return switch (author) {
            case LLM -> "[[";
            case SCHEDULER -> "{{";
            case SLM, MARKER -> "";
        };
    }

    private String close(Author author) {
        if (author == null) {
            return "";
        }
        if (colour) {
            return author == Author.SLM ? "" : RESET;
        }
        return switch (author) {
            case LLM -> "]]";
            case SCHEDULER -> "}}";
            case SLM, MARKER -> "";
        };
    }

    /** The accounting of one result as a table. */
    static void printAccounting(PrintWriter out, RelayResult result) {
        ProtocolOutcome outcome = result.outcome();
        RelayAccounting a = result.accounting();
        RelayTimings t = a.timings();
        out.printf(
                Locale.ROOT,
                "status %s (%s), policy %s, %d turns, %d calls, call ratio %.2f%%%n",
                outcome.status().jsonName(),
                outcome.end().jsonName(),
                result.policy(),
                outcome.turns(),
                outcome.calls(),
                100 * a.callRatio());
        TextTable table = new TextTable("model", ">generated", ">prefilled", ">prefill ms", ">decode ms", ">t/s");
        table.row(
                "SLM",
                a.slmGeneratedTokens(),
                a.slmPrefillTokens(),
                ms(t.slmPrefillNanos()),
                ms(t.slmDecodeNanos()),
                rate(a.slmGeneratedTokens(), t.slmDecodeNanos()));
        table.row(
                "LLM",
                a.llmGeneratedTokens(),
                a.llmPrefillTokens(),
                ms(t.llmPrefillNanos() + t.catchUpNanos()),
                ms(t.llmDecodeNanos() + t.remoteNanos()),
                rate(a.llmGeneratedTokens(), t.llmDecodeNanos() + t.remoteNanos()));
        table.print(out, "  ");
        out.printf(
                Locale.ROOT,
                "  N requested %d, received %d; LLM prefill no call used %d; total %s ms, scheduler %s ms%n",
                a.requestedCallTokens(),
                a.receivedCallTokens(),
                a.llmUnusedPrefillTokens(),
                ms(t.totalNanos()),
                ms(t.schedulerNanos()));
        out.flush();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String rate(long tokens, long nanos) {
        return nanos == 0 ? "-" : String.format(Locale.ROOT, "%.1f", tokens * 1e9 / nanos);
    }
}
