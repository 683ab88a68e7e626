/**
 * The RelayLLM protocol without an engine: what each model is asked, how many tokens it may write,
 * what the answer becomes and when the request ends, from texts, finish reasons and token counts
 * alone. {@link io.github.relayllm.core.relay.protocol.RelayProtocol} is the state machine; the
 * scheduler in {@code io.github.relayllm.core.relay} drives it with real models, the golden
 * scenarios drive it with scripted outputs.
 */
package io.github.relayllm.core.relay.protocol;
