package io.github.relayllm.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a trace's segments lie in its answer, and where the pen passes between the models. */
class TraceLayoutTest {

    @Test
    void spansCountCharsAndTokensFromTheStartOfTheAnswer() {
        List<TraceSpan> spans = SampleTraces.slmLlmSlmMarker().spans();

        assertThat(spans)
                .extracting(TraceSpan::startChar, TraceSpan::endChar, TraceSpan::startToken, TraceSpan::endToken)
                .containsExactly(tuple(0, 27, 0, 5), tuple(27, 35, 5, 8), tuple(35, 49, 8, 10), tuple(49, 71, 10, 10));
    }

    @Test
    void theSpansCutTheAnswerIntoTheSegmentsTexts() {
        RelayTrace trace = SampleTraces.hostile();
        String answer = trace.answer();
        for (TraceSpan span : trace.spans()) {
            assertThat(answer.substring(span.startChar(), span.endChar()))
                    .isEqualTo(span.segment().text());
        }
    }

    @Test
    void thePenPassesToTheLlmAndBack() {
        assertThat(SampleTraces.slmLlmSlmMarker().handOffs())
                .containsExactly(
                        new HandOff(1, 27, 5, Author.SLM, Author.LLM, 1, 1),
                        new HandOff(2, 35, 8, Author.LLM, Author.SLM, 2, 1));
    }

    @Test
    void aSchedulersTagIsNoHandOffAndTheLlmTakesThePenAfterIt() {
        assertThat(SampleTraces.hostile().handOffs())
                .extracting(HandOff::segment, HandOff::from, HandOff::to)
                .containsExactly(tuple(2, Author.SLM, Author.LLM), tuple(3, Author.LLM, Author.SLM));
    }

    @Test
    void consecutiveTurnsOfOneModelAreNoHandOff() {
        RelayTrace trace = new RelayTrace(
                "",
                List.of(
                        new TraceSegment(Author.SLM, "a", List.of(1), 1, 0),
                        new TraceSegment(Author.SLM, "b", List.of(2), 2, 0),
                        new TraceSegment(Author.MARKER, "\n[Error: Reached GLOBAL_MAX_TOKENS (2)]", List.of(), 2, 0)));

        assertThat(trace.handOffs()).isEmpty();
        assertThat(trace.calls()).isZero();
    }

    @Test
    void callsCountTheLlmsDistinctCalls() {
        RelayTrace trace = new RelayTrace(
                "",
                List.of(
                        new TraceSegment(Author.LLM, "a", List.of(1), 1, 1),
                        new TraceSegment(Author.LLM, "b", List.of(2), 1, 1),
                        new TraceSegment(Author.SLM, "c", List.of(3), 2, 0),
                        new TraceSegment(Author.LLM, "d", List.of(4), 2, 2)));

        assertThat(trace.calls()).isEqualTo(2);
    }
}
