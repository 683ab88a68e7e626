package io.github.relayllm.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** JSON and HTML of random traces: any authors, any valid text, any token ids. */
class TracePropertiesTest {

    @Provide
    Arbitrary<RelayTrace> traces() {
        Arbitrary<String> text = Arbitraries.oneOf(
                        Arbitraries.of(
                                "<", ">", "&", "\"", "'", "<call>5</call>", "</span>", "<script>", "\n", "\t", "é"),
                        Arbitraries.integers()
                                .between(0, Character.MAX_CODE_POINT)
                                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                                .map(Character::toString))
                .list()
                .ofMaxSize(12)
                .map(pieces -> String.join("", pieces));
        Arbitrary<TraceSegment> segment = Combinators.combine(
                        Arbitraries.of(Author.class),
                        text,
                        Arbitraries.integers().between(0, 200_000).list().ofMaxSize(6),
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, 5))
                .as(TraceSegment::new);
        return Combinators.combine(text, segment.list().ofMaxSize(10)).as(RelayTrace::new);
    }

    @Property
    void jsonRoundTripsAnyTrace(@ForAll("traces") RelayTrace trace) throws IOException {
        assertThat(TraceJson.fromJson(TraceJson.toJson(trace))).isEqualTo(trace);
    }

    @Property
    void handOffsAlternateBetweenTheModels(@ForAll("traces") RelayTrace trace) {
        List<HandOff> handOffs = trace.handOffs();
        for (int i = 1; i < handOffs.size(); i++) {
            assertThat(handOffs.get(i).from()).isEqualTo(handOffs.get(i - 1).to());
            assertThat(handOffs.get(i).segment())
                    .isGreaterThan(handOffs.get(i - 1).segment());
        }
    }

    @Property
    void thePageShowsEveryTextEscapedInOrderWithBalancedSpans(@ForAll("traces") RelayTrace trace) {
        String html = TraceHtml.toHtml(trace, "t");

        assertThat(html.split("<span", -1).length).isEqualTo(html.split("</span>", -1).length);
        int from = html.indexOf("<div class=\"answer\">");
        for (TraceSegment segment : trace.segments()) {
            int at = html.indexOf(">" + TraceHtml.escape(segment.text()) + "</span>", from);
            assertThat(at).isGreaterThanOrEqualTo(from);
            from = at + 1;
        }
        assertThat(html).doesNotContain("<script");
    }
}
