package io.github.relayllm.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace's HTML page: escaped, in order, self-contained, and balanced. */
class TraceHtmlTest {

    @Test
    void everySegmentsTextAppearsEscapedAndInOrder() {
        RelayTrace trace = SampleTraces.hostile();
        String html = TraceHtml.toHtml(trace, "hostile");

        int from = html.indexOf("<div class=\"answer\">");
        assertThat(from).isPositive();
        for (TraceSegment segment : trace.segments()) {
            int at = html.indexOf(">" + TraceHtml.escape(segment.text()) + "</span>", from);
            assertThat(at).as(segment.text()).isGreaterThanOrEqualTo(from);
            from = at + 1;
        }
    }

    @Test
    void modelTextCanNotOpenTagsOrAttributes() {
        String html = TraceHtml.toHtml(SampleTraces.hostile(), "<title> & \"x\"");

        assertThat(html)
                .doesNotContain("<script", "<call>", "<b>")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
                .contains("&lt;call&gt;7&lt;/call&gt;")
                .contains("<title>&lt;title&gt; &amp; &quot;x&quot;</title>")
                .contains("&lt;b&gt;prompt&lt;/b&gt;");
    }

    @Test
    void spansAreBalancedAndTheLegendIsThereOnce() {
        String html = TraceHtml.toHtml(SampleTraces.hostile(), "t");

        assertThat(count(html, "<span")).isEqualTo(count(html, "</span>"));
        assertThat(count(html, "<div")).isEqualTo(count(html, "</div>"));
        assertThat(count(html, "class=\"legend\"")).isEqualTo(1);
        assertThat(count(html, "<details>")).isEqualTo(1);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    }

    @Test
    void eachSegmentSaysWhoWroteItAndEachHandOffIsMarked() {
        RelayTrace trace = SampleTraces.slmLlmSlmMarker();
        String html = TraceHtml.toHtml(trace, "t");

        assertThat(html)
                .contains("<span class=\"slm\" title=\"SLM · turn 1 · no call · 5 tokens\">Let me think")
                .contains("<span class=\"llm\" title=\"LLM · turn 1 · call 1 · 3 tokens\"> 6*7=42.</span>")
                .contains("<span class=\"marker\" title=\"marker · turn 2 · no call · 0 tokens\">");
        assertThat(count(html, "<span class=\"handoff\" title=\"hand-off"))
                .isEqualTo(trace.handOffs().size())
                .isEqualTo(2);
        assertThat(html).contains("hand-off SLM → LLM · turn 1 · call 1\"></span><span class=\"llm\"");
    }

    @Test
    void theSummaryCountsTokensCallsAndTheLlmsShare() {
        String html = TraceHtml.toHtml(SampleTraces.slmLlmSlmMarker(), "t");

        assertThat(html)
                .contains("SLM 7 tokens · LLM 3 tokens · scheduler 0 tokens · 1 call · 2 hand-offs · LLM share 30.0%");
    }

    @Test
    void thePageNeedsNothingFromOutsideAndKeepsNewlines() {
        RelayTrace trace = SampleTraces.hostile();
        String html = TraceHtml.toHtml(trace, "t");

        assertThat(html).doesNotContain("http:", "https:", "src=", "<link", "@import", "url(", "<script");
        assertThat(html).contains("white-space: pre-wrap").contains("&#39;y&#39;\n\tz</span>");
        assertThat(html).contains("<details>\n<summary>Base prompt");
    }

    @Test
    void controlCharactersAreShownAsPictures() {
        assertThat(TraceHtml.escape("a\u0000b\u001Bc\u007Fd\te\nf")).isEqualTo("a␀b␛c␡d\te\nf");
    }

    @Test
    void thePageIsWrittenAsUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("trace.html");

        TraceHtml.write(SampleTraces.hostile(), "🦙", file);

        assertThat(Files.readString(file)).isEqualTo(TraceHtml.toHtml(SampleTraces.hostile(), "🦙"));
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
