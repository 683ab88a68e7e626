/**
 * Relay's model layer: model files (GGUF, Hugging Face directories), the model configuration, and
 * (as the engine grows) the transformer, KV cache, tokenizers, sampling and the relay scheduler.
 *
 * <p>It uses compute backends only through relay-kernels' public API and never imports a backend's
 * internals.
 */
module io.github.relayllm.core {
    requires transitive io.github.relayllm.kernels;
    // HfConfig exposes the config.json keys it does not model as a Jackson tree.
    requires transitive com.fasterxml.jackson.databind;
    requires java.logging;
    // The remote LLM of a relay is asked over HTTP (relay.remote).
    requires java.net.http;

    exports io.github.relayllm.core;
    exports io.github.relayllm.core.batch;
    exports io.github.relayllm.core.format;
    exports io.github.relayllm.core.format.gguf;
    exports io.github.relayllm.core.format.hf;
    exports io.github.relayllm.core.kv;
    exports io.github.relayllm.core.model;
    exports io.github.relayllm.core.model.synth;
    exports io.github.relayllm.core.relay;
    exports io.github.relayllm.core.relay.protocol;
    exports io.github.relayllm.core.relay.remote;
    exports io.github.relayllm.core.generate;
    exports io.github.relayllm.core.runtime;
    exports io.github.relayllm.core.sampling;
    exports io.github.relayllm.core.template;
    exports io.github.relayllm.core.tokenizer;
}
