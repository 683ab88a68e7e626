package io.github.relayllm.core.relay;

import io.github.relayllm.core.sampling.LogitProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A logit processor that makes a model write a script: draw k gets every logit but the script's
 * k-th token's set to minus infinity, and past the script every logit but {@code end}'s. It also
 * records the context the model saw at every draw, so a test can check what each turn was given.
 */
final class ScriptedWriter implements LogitProcessor {
    private final int[] script;
    private final int end;
    private final List<int[]> contexts = new ArrayList<>();
    private int drawn;

    ScriptedWriter(int[] script, int end) {
        this.script = script.clone();
        this.end = end;
    }

    /** Leaves the logits alone but records contexts, and bans {@code banned} (e.g. end-of-generation). */
    static LogitProcessor banning(int banned, List<int[]> contexts) {
        return (logits, history, length) -> {
            contexts.add(Arrays.copyOf(history, length));
            logits[banned] = Float.NEGATIVE_INFINITY;
        };
    }

    @Override
    public void process(float[] logits, int[] history, int historyLength) {
        contexts.add(Arrays.copyOf(history, historyLength));
        int forced = drawn < script.length ? script[drawn] : end;
        drawn++;
        float keep = logits[forced];
        Arrays.fill(logits, Float.NEGATIVE_INFINITY);
        logits[forced] = Float.isFinite(keep) ? keep : 0f;
    }

    /** The history at every draw, in order. */
    List<int[]> contexts() {
        return contexts;
    }
}
