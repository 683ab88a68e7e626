package io.github.relayllm.core.relay.protocol;

import io.github.relayllm.core.relay.protocol.ScriptedRequest.ScriptedTurn;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for scripted requests: texts built from words, whitespace of every kind Python knows
 * (and two it does not), well-formed and malformed call tags with digits of any size and script,
 * and every protocol option.
 */
final class TranscriptArbitraries {
    private static final List<String> WORDS =
            List.of("Let", " me", "think", "x=", "42", "\\boxed{84}", "é", "我", "🦙", "<", ">", "call", "/call", ".");
    /** Python's whitespace, and two characters that only look like it (not stripped, not \s). */
    private static final List<String> SPACES = List.of(
            " ", "  ", "\n", "\n\n", "\t", "\r\n", "\u000B", "\f", "\u001C", "\u001F", "\u0085", "\u00A0", "\u1680",
            "\u2003", "\u2007", "\u2028", "\u2029", "\u202F", "\u205F", "\u3000", "\u200B", "\uFEFF");
    /** Digits of every size and script; Python's \d is any Nd digit. */
    private static final List<String> NUMERALS = List.of(
            "0",
            "00",
            "1",
            "7",
            "42",
            "1000000000000",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999999",
            "٣",
            "٤٢",
            "१२",
            "\uD835\uDFD8\uD835\uDFD9");
    /** Tags the reference must reject or ignore, and fragments that are not tags at all. */
    private static final List<String> MALFORMED = List.of(
            "<call>x</call>",
            "<call></call>",
            "<call> </call>",
            "<call>-3</call>",
            "<call>½</call>",
            "<call>Ⅻ</call>",
            "</call>",
            "<call",
            "<cal",
            "call>",
            "<call>",
            "<CALL>5</CALL>");

    private TranscriptArbitraries() {}

    static Arbitrary<ScriptedRequest> requests() {
        return Combinators.combine(
                        basePrompts(),
                        options(),
                        turns(slmTexts(), Arbitraries.of(TurnFinish.class))
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(8),
                        // An LLM's STOP ends the answer: mostly LENGTH, so that the SLM calls again.
                        turns(
                                        texts(),
                                        Arbitraries.frequency(
                                                Tuple.of(3, TurnFinish.LENGTH), Tuple.of(1, TurnFinish.STOP)))
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(5))
                .as(ScriptedRequest::new);
    }

    static Arbitrary<ScriptedRequest> requests(Route route) {
        return requests()
                .map(r -> new ScriptedRequest(r.basePrompt(), r.options().withRoute(route), r.slm(), r.llm()));
    }

    /** A model's text: up to eight pieces. */
    static Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.of(WORDS)),
                        Tuple.of(1, Arbitraries.strings().alpha().ofMaxLength(5)),
                        Tuple.of(3, spaces()),
                        Tuple.of(3, callTags()),
                        Tuple.of(2, Arbitraries.of(MALFORMED)))
                .list()
                .ofMaxSize(8)
                .map(pieces -> String.join("", pieces));
    }

    /** An SLM's turn: most end in a call tag, well-formed or not, as the stop string makes them. */
    static Arbitrary<String> slmTexts() {
        Arbitrary<String> ending = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("")), Tuple.of(6, callTags()), Tuple.of(1, Arbitraries.of(MALFORMED)));
        return Combinators.combine(texts(), ending).as(String::concat);
    }

    /**
     * A base prompt: any text without {@code <call>}, though it may end in part of one (a prompt is
     * given, never cleaned).
     */
    static Arbitrary<String> basePrompts() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.of(WORDS)),
                        Tuple.of(3, spaces()),
                        Tuple.of(1, Arbitraries.of("<call", "<cal", "</call>", "call>")))
                .list()
                .ofMaxSize(8)
                .map(pieces -> String.join("", pieces))
                .filter(text -> !text.contains(CallTags.OPEN));
    }

    /** {@code <call>}, whitespace, digits, whitespace, and {@code </call>} or not. */
    static Arbitrary<String> callTags() {
        Arbitrary<String> numerals = Arbitraries.oneOf(
                Arbitraries.of(NUMERALS), Arbitraries.integers().between(0, 400).map(String::valueOf));
        Arbitrary<String> space = Arbitraries.oneOf(Arbitraries.just(""), spaces());
        Arbitrary<String> close = Arbitraries.of("", CallTags.CLOSE);
        return Combinators.combine(space, numerals, space, close)
                .as((before, digits, after, end) -> CallTags.OPEN + before + digits + after + end);
    }

    private static Arbitrary<String> spaces() {
        return Arbitraries.of(SPACES).list().ofMinSize(1).ofMaxSize(3).map(s -> String.join("", s));
    }

    static Arbitrary<ProtocolOptions> options() {
        Arbitrary<Integer> maxCallTokens = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Integer.MAX_VALUE)),
                Tuple.of(1, Arbitraries.integers().between(1, 300)));
        Arbitrary<CallServing> serving = Arbitraries.oneOf(
                Arbitraries.of(CallServing.AS_REQUESTED, CallServing.TEACHER_FREE),
                Arbitraries.integers().between(1, 50).map(CallServing.FixedLength::new));
        Arbitrary<Route> route = Arbitraries.frequency(
                Tuple.of(4, Route.RELAY), Tuple.of(1, Route.SLM_ONLY), Tuple.of(1, Route.LLM_ONLY));
        return Combinators.combine(
                        Arbitraries.integers().between(1, 300),
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.of(true, false),
                        maxCallTokens,
                        serving,
                        route)
                .as(ProtocolOptions::new);
    }

    /** A model's turn writing one of {@code texts}, ending as {@code finishes} say; one in ten is abnormal (a policy's call for the SLM, a failure for the LLM). */
    static Arbitrary<ScriptedTurn> turns(Arbitrary<String> texts, Arbitrary<TurnFinish> finishes) {
        // Mostly a few tokens of the budget left, so that requests run to several calls.
        Arbitrary<Double> share = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.doubles().between(0, 0.05)),
                Tuple.of(1, Arbitraries.just(0.0)),
                Tuple.of(1, Arbitraries.just(1.0)),
                Tuple.of(1, Arbitraries.doubles().between(0, 1)));
        Arbitrary<Long> policyCall = Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, 5L, 1_000_000_000_000L, Long.MAX_VALUE),
                Arbitraries.longs().between(0, 300));
        return Combinators.combine(
                        texts,
                        finishes,
                        share,
                        Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)),
                        policyCall)
                .as(ScriptedTurn::new);
    }
}
