package io.github.relayllm.core.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which model wrote every token of an answer: the base prompt, then the answer as segments in order.
 * The segments' texts joined are the final answer; a hand-off is wherever the pen passes between
 * the SLM and the LLM. {@link TraceJson} and {@link TraceHtml} write it out.
 *
 * @param basePrompt the prompt both models start from
 * @param segments the answer, in order
 */
public record RelayTrace(String basePrompt, List<TraceSegment> segments) {
    public RelayTrace {
        Objects.requireNonNull(basePrompt, "basePrompt");
        segments = List.copyOf(segments);
    }

    /** The answer: the segments' texts joined. */
    public String answer() {
        StringBuilder text = new StringBuilder();
        segments.forEach(s -> text.append(s.text()));
        return text.toString();
    }

    /** Tokens written by {@code author}. */
    public int tokens(Author author) {
        return segments.stream()
                .filter(s -> s.author() == author)
                .mapToInt(s -> s.tokenIds().size())
                .sum();
    }

    /** The segments placed in the answer, in order. Linear in the segments. */
    public List<TraceSpan> spans() {
        List<TraceSpan> spans = new ArrayList<>(segments.size());
        int chars = 0;
        int tokens = 0;
        for (TraceSegment segment : segments) {
            TraceSpan span = new TraceSpan(
                    segment,
                    chars,
                    chars + segment.text().length(),
                    tokens,
                    tokens + segment.tokenIds().size());
            spans.add(span);
            chars = span.endChar();
            tokens = span.endToken();
        }
        return List.copyOf(spans);
    }

    /**
     * Every hand-off between the SLM and the LLM, in order: at each model's segment that follows the
     * other model's, scheduler tags and markers between them aside. Linear in the segments.
     */
    public List<HandOff> handOffs() {
        List<HandOff> handOffs = new ArrayList<>();
        List<TraceSpan> spans = spans();
        TraceSegment holder = null;
        for (int i = 0; i < spans.size(); i++) {
            TraceSegment segment = spans.get(i).segment();
            if (!segment.author().isModel()) {
                continue;
            }
            if (holder != null && holder.author() != segment.author()) {
                // Going to the LLM starts its call; coming back ends the call the LLM held.
                int call = segment.author() == Author.LLM ? segment.call() : holder.call();
                handOffs.add(new HandOff(
                        i,
                        spans.get(i).startChar(),
                        spans.get(i).startToken(),
                        holder.author(),
                        segment.author(),
                        segment.turn(),
                        call));
            }
            holder = segment;
        }
        return List.copyOf(handOffs);
    }

    /** The LLM calls the answer holds: the distinct call numbers of its LLM segments. */
    public int calls() {
        return (int) segments.stream()
                .filter(s -> s.author() == Author.LLM && s.call() > 0)
                .mapToInt(TraceSegment::call)
                .distinct()
                .count();
    }
}
