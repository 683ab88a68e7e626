package io.github.relayllm.core.relay;

/** How the LLM's context is made from the transcript. */
public enum SpliceMode {
    /**
     * The reference: the context is text (base prompt plus the transcript without call tags, stripped)
     * tokenized afresh, so BPE may merge across a seam.
     */
    TEXT,
    /**
     * Beyond the reference: the context is the base prompt's ids followed by the ids the models
     * actually generated, less each call tag's tokens and the whitespace-only tokens at the body's two
     * ends. No re-tokenization, so the LLM sees exactly the tokens that were written.
     */
    TOKEN
}
