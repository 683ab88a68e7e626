/**
 * The LLM side of a relay on a remote server: {@link
 * io.github.relayllm.core.relay.remote.OpenAiCompletionsClient} asks any OpenAI-compatible {@code
 * /v1/completions} endpoint (vLLM, SGLang, llama.cpp's server, TGI) for N tokens, as the RelayLLM
 * paper's own setup does, with bounded time, bounded retries and the reference's error texts.
 *
 * <p>It knows nothing of the scheduler: it takes a prompt and returns a {@link
 * io.github.relayllm.core.relay.remote.RemoteCompletion} in the protocol's terms (text, {@link
 * io.github.relayllm.core.relay.protocol.TurnFinish}, tokens), or a {@link
 * io.github.relayllm.core.relay.remote.RemoteLlmException} whose {@code reason()} the scheduler
 * passes to {@code RelayProtocol.llmFailed}.
 */
package io.github.relayllm.core.relay.remote;
