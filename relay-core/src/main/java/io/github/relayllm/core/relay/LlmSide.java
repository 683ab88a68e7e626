package io.github.relayllm.core.relay;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.relay.remote.OpenAiCompletionsClient;
import java.util.Objects;

/** The model that answers calls: loaded in this process, or behind an OpenAI-compatible server. */
public sealed interface LlmSide {

    /** A model in this process, with its own KV cache pool, on the SLM's device or another. */
    record Local(Model model) implements LlmSide {
        public Local {
            Objects.requireNonNull(model, "model");
        }
    }

    /**
     * A model behind an OpenAI-compatible {@code /v1/completions} endpoint (vLLM, SGLang, llama.cpp's
     * server, TGI), as in the paper's own setup. The server keeps its own cache; its vocabulary can
     * not be checked here, so it must be the SLM's.
     */
    record Remote(OpenAiCompletionsClient client) implements LlmSide {
        public Remote {
            Objects.requireNonNull(client, "client");
        }
    }
}
