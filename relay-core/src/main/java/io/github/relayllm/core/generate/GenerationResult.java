package io.github.relayllm.core.generate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished generation.
 *
 * @param promptIds the prompt as fed (BOS included when the model adds one)
 * @param ids the generated tokens, an end-of-generation token excluded
 * @param text the generated text, up to and (when kept) with the stop string
 * @param finishReason why it ended
 * @param stopString the stop string found, when {@code finishReason} is {@link FinishReason#STOP}
 * @param timings prompt and generation time
 */
public record GenerationResult(
        List<Integer> promptIds,
        List<Integer> ids,
        String text,
        FinishReason finishReason,
        Optional<String> stopString,
        Timings timings) {

    public GenerationResult {
        promptIds = List.copyOf(promptIds);
        ids = List.copyOf(ids);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(stopString, "stopString");
        Objects.requireNonNull(timings, "timings");
    }
}
