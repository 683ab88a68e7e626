package io.github.relayllm.core.runtime;

/**
 * What a generation loop reads after each step of its sequence: the argmax alone (greedy decoding
 * without a logit processor) or the whole row of logits (sampling, or a processor that changes
 * them). A session stepped by someone else keeps only what it was told it will be asked for, so
 * greedy requests in a shared batch copy one int per step, not a vocabulary of floats.
 */
public enum Readout {
    ARGMAX,
    LOGITS
}
