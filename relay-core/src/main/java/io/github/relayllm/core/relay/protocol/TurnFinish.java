package io.github.relayllm.core.relay.protocol;

/** Why a model's turn ended, in the reference's (vLLM's) two words. */
public enum TurnFinish {
    /** An end-of-generation token, or (for the SLM) the stop string {@code </call>}. */
    STOP,
    /** The turn's token limit. */
    LENGTH
}
