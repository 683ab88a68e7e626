package io.github.relayllm.core.relay.protocol;

/**
 * How many tokens the LLM is given for a call of N: as asked (the reference), or one of the paper's
 * ablations. The budget caps each of them.
 */
public sealed interface CallServing {
    /** The call's own N (the reference). */
    CallServing AS_REQUESTED = new AsRequested();

    /** Every call is answered with zero tokens: the LLM is unavailable (the paper's teacher-free ablation). */
    CallServing TEACHER_FREE = new TeacherFree();

    /** The tokens the LLM may write for a call of {@code requested}, before the budget caps it. */
    long tokensFor(long requested);

    /** The reference: N tokens. */
    record AsRequested() implements CallServing {
        @Override
        public long tokensFor(long requested) {
            return requested;
        }
    }

    /** No LLM: a call is counted and the SLM resumes at once. */
    record TeacherFree() implements CallServing {
        @Override
        public long tokensFor(long requested) {
            return 0;
        }
    }

    /** Fixed-length help: every call gets {@code tokens} tokens, whatever N says. */
    record FixedLength(int tokens) implements CallServing {
        public FixedLength {
            if (tokens < 1) {
                throw new IllegalArgumentException("fixed-length help needs at least 1 token, not " + tokens);
            }
        }

        @Override
        public long tokensFor(long requested) {
            return tokens;
        }
    }
}
