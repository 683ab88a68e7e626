package io.github.relayllm.core.relay;

import io.github.relayllm.core.Model;
import java.util.Objects;

/** The model that answers calls: loaded in this process, or behind an OpenAI-compatible server. */
public sealed interface LlmSide {

    /** A model in this process, with its own KV cache pool, on the SLM's device or another. */
    record Local(Model model) implements LlmSide {
        public Local {
            Objects.requireNonNull(model, "model");
        }
    }
}
