package io.github.relayllm.core.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A {@link RelayTrace} as one self-contained HTML page, to read a relay's answer by eye: a summary
 * line (tokens per author, calls, hand-offs, the LLM's share of the tokens), a legend, the base
 * prompt folded in a {@code <details>}, then the answer with each segment coloured by author and a
 * tooltip (author, turn, call, tokens), and a mark at every hand-off.
 *
 * <p>The page needs nothing else: the style is inline, there is no script, no font or image, so it
 * opens offline and from a mail attachment alike. Every text is HTML-escaped (a model may write
 * {@code <script>}); the answer keeps its newlines and spaces ({@code white-space: pre-wrap}); a
 * hand-off mark is drawn by CSS, so copying the answer copies exactly the model's text. Cost: linear
 * in the trace, built in memory.
 */
public final class TraceHtml {
    private static final String STYLE = """
            body { font: 15px/1.5 system-ui, sans-serif; color: #1f2328; background: #fff;
                   max-width: 60em; margin: 2em auto; padding: 0 1em; }
            h1 { font-size: 1.3em; margin-bottom: .2em; }
            .summary { color: #57606a; margin-top: 0; }
            .legend span { margin-right: .8em; padding: 0 .3em; }
            pre, .answer { font: 14px/1.55 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
                           white-space: pre-wrap; overflow-wrap: anywhere; }
            details { margin: 1em 0; }
            summary { cursor: pointer; color: #57606a; }
            details pre { background: #f6f8fa; padding: .8em; border-radius: 4px; }
            .answer { border: 1px solid #d0d7de; border-radius: 4px; padding: 1em; }
            .slm { background: #ddf4ff; }
            .llm { background: #fff1c2; }
            .scheduler { background: #eaeef2; outline: 1px dashed #8c959f; }
            .marker { color: #cf222e; font-style: italic; }
            .handoff::before { content: "\\25B6"; color: #8250df; font-weight: bold; padding: 0 .15em; }
            """;

    private TraceHtml() {}

    /** The page, titled {@code title}. */
    public static String toHtml(RelayTrace trace, String title) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n<p class=\"summary\">")
                .append(escape(summary(trace)))
                .append("</p>\n<p class=\"legend\">")
                .append("<span class=\"slm\">SLM</span><span class=\"llm\">LLM</span>")
                .append("<span class=\"scheduler\">scheduler tag</span><span class=\"marker\">marker</span>")
                .append("<span class=\"handoff\">hand-off</span></p>\n<details>\n<summary>Base prompt (")
                .append(trace.basePrompt().length())
                .append(" chars)</summary>\n<pre>")
                .append(escape(trace.basePrompt()))
                .append("</pre>\n</details>\n<div class=\"answer\">");
        List<TraceSpan> spans = trace.spans();
        List<HandOff> handOffs = trace.handOffs();
        int nextHandOff = 0;
        for (int i = 0; i < spans.size(); i++) {
            if (nextHandOff < handOffs.size() && handOffs.get(nextHandOff).segment() == i) {
                appendHandOff(html, handOffs.get(nextHandOff++));
            }
            appendSegment(html, spans.get(i).segment());
        }
        return html.append("</div>\n</body>\n</html>\n").toString();
    }

    /** Writes the page to {@code file} (UTF-8), replacing it. */
    public static void write(RelayTrace trace, String title, Path file) throws IOException {
        Files.writeString(file, toHtml(trace, title));
    }

    private static void appendSegment(StringBuilder html, TraceSegment segment) {
        String tooltip = "%s · turn %d · %s · %s"
                .formatted(
                        label(segment.author()),
                        segment.turn(),
                        segment.call() > 0 ? "call " + segment.call() : "no call",
                        count(segment.tokenIds().size(), "token"));
        html.append("<span class=\"")
                .append(segment.author().jsonName())
                .append("\" title=\"")
                .append(escape(tooltip))
                .append("\">")
                .append(escape(segment.text()))
                .append("</span>");
    }

    private static void appendHandOff(StringBuilder html, HandOff handOff) {
        html.append("<span class=\"handoff\" title=\"")
                .append(escape("hand-off %s → %s · turn %d · call %d"
                        .formatted(label(handOff.from()), label(handOff.to()), handOff.turn(), handOff.call())))
                .append("\"></span>");
    }

    private static String summary(RelayTrace trace) {
        int slm = trace.tokens(Author.SLM);
        int llm = trace.tokens(Author.LLM);
        int scheduler = trace.tokens(Author.SCHEDULER);
        int all = slm + llm + scheduler;
        String share = all == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * llm / all);
        return String.join(
                " · ",
                "SLM " + count(slm, "token"),
                "LLM " + count(llm, "token"),
                "scheduler " + count(scheduler, "token"),
                count(trace.calls(), "call"),
                count(trace.handOffs().size(), "hand-off"),
                "LLM share " + share);
    }

    /** {@code 1 token}, {@code 2 tokens}. */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String label(Author author) {
        return switch (author) {
            case SLM -> "SLM";
            case LLM -> "LLM";
            case SCHEDULER -> "scheduler";
            case MARKER -> "marker";
        };
    }

    /**
     * Text made safe for an element or a quoted attribute. Control characters HTML forbids (all but
     * tab, newline and carriage return) are shown as their Unicode control pictures, e.g. ␀.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> out.append(c);
                default -> {
                    if (c < 0x20) {
                        out.append((char) (0x2400 + c));
                    } else if (c == 0x7F) {
                        out.append('\u2421');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
