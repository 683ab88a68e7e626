package io.github.relayllm.core.relay.protocol;

import io.github.relayllm.core.relay.protocol.ProtocolStep.Finished;
import io.github.relayllm.core.relay.protocol.ProtocolStep.LlmCall;
import io.github.relayllm.core.relay.protocol.ProtocolStep.SlmTurn;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One request of the RelayLLM protocol as a state machine, free of any engine: ask {@link #next()}
 * what to run, run it however you like, report what came out, repeat until {@link Finished}.
 *
 * <pre>{@code
 * RelayProtocol protocol = new RelayProtocol(basePrompt, ProtocolOptions.reference());
 * for (ProtocolStep step = protocol.next(); !(step instanceof Finished); step = protocol.next()) {
 *     switch (step) {
 *         case SlmTurn t -> protocol.slmTurnEnded(slm.write(t.prompt(), t.maxTokens()));
 *         case LlmCall c -> protocol.llmTurnEnded(llm.write(c.prompt(), c.maxTokens()));
 *         case Finished f -> {}
 *     }
 * }
 * }</pre>
 *
 * <p>With {@link ProtocolOptions#reference()} it is the official loop ({@code generate_withhelp.py}
 * of the RelayLLM code) to the character, which the 19 golden scenarios pin down: the transcript is
 * text, each SLM turn sees the base prompt plus the whole transcript, each LLM call sees the base
 * prompt plus the transcript with its complete call tags replaced by one space and stripped, and the
 * budgets, turn limit and markers decide the end.
 *
 * <p>Invariants: the SLM and LLM together never write more than the global budget, provided each
 * keeps to the {@code maxTokens} it was given; every call is answered (by the LLM, or by zero tokens
 * when teacher-free) or the request ends; the request ends after at most {@code maxTurns} SLM turns
 * that count, and (LLM only) once the LLM makes no progress. The LLM sees no complete call tag of the
 * transcript, with the reference's two blind spots kept for fidelity: its single pass can close a
 * tag around a removed one ({@code <call>1<call>2</call></call>} shows the LLM {@code <call>1
 * </call>}), and a base prompt ending in part of a tag is never touched. Reporting out of turn
 * throws {@link IllegalStateException}. Not thread-safe; cheap (string concatenation per turn).
 */
public final class RelayProtocol {
    private final String basePrompt;
    private final ProtocolOptions options;
    private final StringBuilder transcript = new StringBuilder();
    private ProtocolStep pending;
    private int turns;
    /** Turns run that used up none of {@code maxTurns}: zero calls, where the options say so. */
    private int freeTurns;

    private int calls;
    private int slmTokens;
    private int llmTokens;
    private long requestedCallTokens;

    public RelayProtocol(String basePrompt, ProtocolOptions options) {
        this.basePrompt = Objects.requireNonNull(basePrompt, "basePrompt");
        this.options = Objects.requireNonNull(options, "options");
        this.pending = options.route() == Route.LLM_ONLY ? llmCall(options.globalMaxTokens(), 0) : slmTurnOrEnd();
    }

    /** What to run next (the same step until it is reported). */
    public ProtocolStep next() {
        return pending;
    }

    /** The base prompt, as given. */
    public String basePrompt() {
        return basePrompt;
    }

    public ProtocolOptions options() {
        return options;
    }

    /** Everything written after the base prompt so far (no marker: markers go to the final answer). */
    public String transcript() {
        return transcript.toString();
    }

    /** Tokens left of the global budget. */
    public int remainingTokens() {
        return options.globalMaxTokens() - slmTokens - llmTokens;
    }

    /** Whether the SLM may call (whether {@code </call>} should stop it): only in a relay. */
    public boolean callsEnabled() {
        return options.route() == Route.RELAY;
    }

    /** The SLM's turn ended on its own: by end-of-generation, after {@code </call>}, or at its limit. */
    public void slmTurnEnded(TurnOutput output) {
        requireWithin(requireStep(SlmTurn.class).maxTokens(), output, "SLM");
        boolean calls = callsEnabled() && CallTags.calls(output.text());
        OptionalLong requested = calls ? CallTags.requestedTokens(output.text()) : OptionalLong.empty();
        countSlmTurn(output, !options.zeroCallCountsAsTurn() && requested.equals(OptionalLong.of(0)));
        if ((output.finish() == TurnFinish.STOP && !calls) || turnLimitReached()) {
            boolean finished = output.finish() == TurnFinish.STOP && !calls;
            finish(RelayStatus.DONE, finished ? EndReason.SLM_FINISHED : EndReason.TURN_LIMIT, "");
        } else if (calls) {
            if (requested.isEmpty()) {
                finish(RelayStatus.FAILED, EndReason.BAD_CALL_TAG, Markers.BAD_CALL_TAG);
            } else {
                call(requested.getAsLong());
            }
        } else {
            pending = slmTurnOrEnd();
        }
    }

    /**
     * A call policy ended the SLM's turn with a call of {@code requestedTokens}, no tag written (the
     * token-level baselines: a random or fixed-interval caller). Only a relay calls: elsewhere this
     * throws {@link IllegalStateException}.
     */
    public void slmTurnInterrupted(TurnOutput output, long requestedTokens) {
        requireWithin(requireStep(SlmTurn.class).maxTokens(), output, "SLM");
        if (!callsEnabled()) {
            throw new IllegalStateException("a %s request never calls the LLM".formatted(options.route()));
        }
        if (requestedTokens < 0) {
            throw new IllegalArgumentException("a call of %d tokens".formatted(requestedTokens));
        }
        // A policy's call is no tag the SLM wrote, so it always uses up a turn (a policy calling for
        // nothing before every token would otherwise never let the request end).
        countSlmTurn(output, false);
        if (turnLimitReached()) {
            finish(RelayStatus.DONE, EndReason.TURN_LIMIT, "");
        } else {
            call(requestedTokens);
        }
    }

    /** The LLM's call ended: by its end-of-generation token ({@link TurnFinish#STOP}) or at its limit. */
    public void llmTurnEnded(TurnOutput output) {
        requireWithin(requireStep(LlmCall.class).maxTokens(), output, "LLM");
        llmTokens += output.tokens();
        transcript.append(output.text());
        if (output.finish() == TurnFinish.STOP) {
            finish(RelayStatus.DONE, EndReason.LLM_FINISHED, "");
        } else if (remainingTokens() <= 0) {
            finish(RelayStatus.DONE, EndReason.BUDGET_AFTER_CALL, Markers.LIMIT_AFTER_CALL);
        } else if (options.route() == Route.LLM_ONLY) {
            // Asked again for the same text with the same budget, an LLM that wrote nothing at its
            // limit (a server's own cap, a full context) would write nothing again, forever.
            pending = output.tokens() == 0
                    ? finished(RelayStatus.DONE, EndReason.LLM_FINISHED, "")
                    : llmCall(remainingTokens(), 0);
        } else {
            pending = slmTurnOrEnd();
        }
    }

    /** The LLM could not answer (a server that failed or answered garbage): the request fails. */
    public void llmFailed(String message) {
        requireStep(LlmCall.class);
        finish(RelayStatus.FAILED, EndReason.LLM_ERROR, Markers.llmError(message));
    }

    /**
     * Ends the request early for a reason of the engine's ({@link EndReason#CONTEXT_LIMIT}, {@link
     * EndReason#CANCELLED}), after the text the pending step's model had written so far.
     */
    public void abort(TurnOutput partial, EndReason reason, String marker) {
        if (reason != EndReason.CONTEXT_LIMIT && reason != EndReason.CANCELLED) {
            throw new IllegalArgumentException("the protocol itself decides " + reason);
        }
        switch (pending) {
            case SlmTurn turn -> {
                requireWithin(turn.maxTokens(), partial, "SLM");
                countSlmTurn(partial, false);
            }
            case LlmCall call -> {
                requireWithin(call.maxTokens(), partial, "LLM");
                llmTokens += partial.tokens();
                transcript.append(partial.text());
            }
            case Finished finished -> throw new IllegalStateException("the request is already finished");
        }
        finish(RelayStatus.FAILED, reason, marker);
    }

    /** Counts a turn; a {@code free} one uses up none of {@code maxTurns}. */
    private void countSlmTurn(TurnOutput output, boolean free) {
        turns++;
        if (free) {
            freeTurns++;
        }
        slmTokens += output.tokens();
        transcript.append(output.text());
    }

    /** Whether the turns that count have used up {@code maxTurns}. */
    private boolean turnLimitReached() {
        return turns - freeTurns >= options.maxTurns();
    }

    private void call(long requested) {
        if (remainingTokens() <= 0) {
            finish(RelayStatus.DONE, EndReason.BUDGET_AT_CALL, Markers.LIMIT_AT_CALL);
            return;
        }
        if (requested == 0) {
            pending = slmTurnOrEnd();
            return;
        }
        long granted = Math.min(options.serving().tokensFor(requested), options.maxCallTokens());
        if (granted == 0) {
            calls++;
            requestedCallTokens = saturatingAdd(requestedCallTokens, requested);
            pending = slmTurnOrEnd();
            return;
        }
        pending = llmCall((int) Math.min(granted, remainingTokens()), requested);
    }

    private LlmCall llmCall(int maxTokens, long requested) {
        calls++;
        requestedCallTokens = saturatingAdd(requestedCallTokens, requested == 0 ? maxTokens : requested);
        return new LlmCall(basePrompt + CallTags.llmBody(transcript.toString()), maxTokens, requested, calls);
    }

    private ProtocolStep slmTurnOrEnd() {
        if (remainingTokens() <= 0) {
            return finished(
                    RelayStatus.DONE,
                    EndReason.BUDGET_BEFORE_TURN,
                    Markers.globalBudgetSpent(options.globalMaxTokens()));
        }
        return new SlmTurn(basePrompt + transcript, remainingTokens(), turns + 1);
    }

    private void finish(RelayStatus status, EndReason end, String marker) {
        pending = finished(status, end, marker);
    }

    private Finished finished(RelayStatus status, EndReason end, String marker) {
        return new Finished(new ProtocolOutcome(
                transcript + marker, status, end, turns, calls, slmTokens, llmTokens, requestedCallTokens));
    }

    private <T extends ProtocolStep> T requireStep(Class<T> kind) {
        if (!kind.isInstance(pending)) {
            throw new IllegalStateException(
                    "the protocol waits for %s, not %s".formatted(describe(pending), kind.getSimpleName()));
        }
        return kind.cast(pending);
    }

    private static void requireWithin(int maxTokens, TurnOutput output, String model) {
        if (output.tokens() > maxTokens) {
            throw new IllegalArgumentException(
                    "the %s wrote %d tokens in a turn of at most %d".formatted(model, output.tokens(), maxTokens));
        }
    }

    private static String describe(ProtocolStep step) {
        return switch (step) {
            case SlmTurn t -> "SLM turn " + t.turn();
            case LlmCall c -> "LLM call " + c.call();
            case Finished f -> "nothing (the request is finished)";
        };
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
