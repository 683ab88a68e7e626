/**
 * Generating text: prefill a prompt, then sample and decode token by token, streaming text as it
 * becomes final, stopping at end-of-generation tokens, stop strings or a token budget.
 */
package io.github.relayllm.core.generate;
