package io.github.relayllm.core.relay;

import java.util.List;

/** Hand-built traces whose offsets the tests know by heart. */
final class SampleTraces {
    private SampleTraces() {}

    /**
     * SLM (27 chars, 5 tokens), LLM answering call 1 (8 chars, 3 tokens), SLM again on turn 2 (14
     * chars, 2 tokens), then the budget's marker (22 chars, no tokens).
     */
    static RelayTrace slmLlmSlmMarker() {
        return new RelayTrace(
                "Q: what is 6*7?\n",
                List.of(
                        new TraceSegment(Author.SLM, "Let me think <call>5</call>", List.of(1, 2, 3, 4, 5), 1, 0),
                        new TraceSegment(Author.LLM, " 6*7=42.", List.of(10, 11, 12), 1, 1),
                        new TraceSegment(Author.SLM, " So \\boxed{42}", List.of(6, 7), 2, 0),
                        new TraceSegment(Author.MARKER, "\n[Info: Limit Reached]", List.of(), 2, 0)));
    }

    /** Text a page must escape, in every author's segment, and a prompt to match. */
    static RelayTrace hostile() {
        return new RelayTrace(
                "<b>prompt</b> & \"quotes\" 'too'\n",
                List.of(
                        new TraceSegment(Author.SLM, "<script>alert(\"x\")</script> & 'y'\n\tz", List.of(1, 2), 1, 0),
                        new TraceSegment(Author.SCHEDULER, "<call>7</call>", List.of(3), 1, 0),
                        new TraceSegment(Author.LLM, "a < b && c > d\n\n🦙 é", List.of(4, 5, 6), 1, 1),
                        new TraceSegment(Author.SLM, "<call>x</call></span><span>", List.of(7), 2, 0),
                        new TraceSegment(Author.MARKER, "\n[Error: Bad <call> tag]", List.of(), 2, 0)));
    }
}
