package io.github.relayllm.core.relay.protocol;

import java.util.List;

/**
 * A request whose models are scripts: the SLM's turns and the LLM's answers are taken in order,
 * cycling when a script runs out, so a script of any length drives a request of any length.
 *
 * @param basePrompt the prompt (never holds {@code <call>})
 * @param options the protocol's knobs
 * @param slm the SLM's turns
 * @param llm the LLM's answers
 */
record ScriptedRequest(String basePrompt, ProtocolOptions options, List<ScriptedTurn> slm, List<ScriptedTurn> llm) {

    ScriptedRequest {
        slm = List.copyOf(slm);
        llm = List.copyOf(llm);
        if (slm.isEmpty() || llm.isEmpty()) {
            throw new IllegalArgumentException("both scripts need a turn");
        }
    }

    /**
     * The steps after which a run that has not finished never will: every SLM turn either uses up
     * one of {@code maxTurns} or is a zero call that costs a token, and every LLM step follows an SLM
     * turn or (LLM only) costs a token.
     */
    int stepLimit() {
        return 2 * (options.maxTurns() + options.globalMaxTokens()) + 2;
    }

    /**
     * One scripted model turn.
     *
     * @param text what the model writes
     * @param finish why its turn ends
     * @param tokenShare where its token count lies between its least and the step's {@code maxTokens}
     *     (0 the least, 1 all of them)
     * @param abnormal for the SLM: a call policy interrupts the turn with a call of {@code
     *     policyCall} (in a relay); for the LLM: the call fails with {@code text} as the message
     * @param policyCall the N of a policy's call
     */
    record ScriptedTurn(String text, TurnFinish finish, double tokenShare, boolean abnormal, long policyCall) {

        /**
         * What the model reports in a step of {@code maxTokens}. A text costs at least one token (no
         * model writes text for free), which the protocol relies on to end requests whose zero calls
         * do not count as turns; an empty text may cost nothing.
         */
        TurnOutput output(int maxTokens) {
            int least = text.isEmpty() ? 0 : 1;
            int tokens = least + (int) Math.round(tokenShare * (maxTokens - least));
            return new TurnOutput(text, finish, tokens);
        }
    }
}
