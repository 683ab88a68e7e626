/**
 * Relay decoding with real models: the scheduler that runs {@link
 * io.github.relayllm.core.relay.protocol.RelayProtocol} with an SLM and an LLM (local or remote),
 * the call policies (the relay and its baselines), the catch-up policies (when the LLM prefills),
 * accounting and traces.
 */
package io.github.relayllm.core.relay;
