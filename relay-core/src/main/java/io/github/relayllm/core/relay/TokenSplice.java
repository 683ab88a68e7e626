package io.github.relayllm.core.relay;

import io.github.relayllm.core.relay.protocol.CallTags;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The LLM's context in {@link SpliceMode#TOKEN} mode: the base prompt's ids, then the ids the models
 * generated, segment by segment, less each call tag's tokens (from the token where {@code <call>}
 * starts to the end of the SLM's turn, since {@code </call>} ends a turn) and less whitespace-only
 * tokens at the body's two ends, the token-level reading of the reference's replace-and-strip.
 */
final class TokenSplice {
    private TokenSplice() {}

    static int[] context(int[] promptIds, List<TraceSegment> segments, Tokenizer tokenizer) {
        List<Integer> body = new ArrayList<>();
        for (TraceSegment segment : segments) {
            switch (segment.author()) {
                case SLM -> body.addAll(withoutCallTag(segment, tokenizer));
                case LLM -> body.addAll(segment.tokenIds());
                case SCHEDULER, MARKER -> {}
            }
        }
        int from = 0;
        int to = body.size();
        while (from < to && isBlank(body.get(from), tokenizer)) {
            from++;
        }
        while (to > from && isBlank(body.get(to - 1), tokenizer)) {
            to--;
        }
        int[] context = new int[promptIds.length + to - from];
        System.arraycopy(promptIds, 0, context, 0, promptIds.length);
        for (int i = from; i < to; i++) {
            context[promptIds.length + i - from] = body.get(i);
        }
        return context;
    }

    private static List<Integer> withoutCallTag(TraceSegment segment, Tokenizer tokenizer) {
        if (!CallTags.containsCompleteTag(segment.text())) {
            return segment.tokenIds();
        }
        int tagByte = segment.text()
                .substring(0, segment.text().lastIndexOf(CallTags.OPEN))
                .getBytes(StandardCharsets.UTF_8)
                .length;
        List<Integer> kept = new ArrayList<>();
        int end = 0;
        for (int id : segment.tokenIds()) {
            end += tokenizer.tokenBytes(id).length;
            if (end > tagByte) {
                break;
            }
            kept.add(id);
        }
        return kept;
    }

    private static boolean isBlank(int id, Tokenizer tokenizer) {
        String text = new String(tokenizer.tokenBytes(id), StandardCharsets.UTF_8);
        return CallTags.strip(text).isEmpty();
    }
}
