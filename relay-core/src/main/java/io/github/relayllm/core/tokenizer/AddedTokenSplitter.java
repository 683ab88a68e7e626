package io.github.relayllm.core.tokenizer;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds a vocabulary's added tokens in text before BPE sees it: control and unknown tokens ({@code
 * <|im_start|>}, {@code <s>}, {@code <unk>}) only when the caller parses specials, user-defined ones
 * ({@code <think>}) always. The text between matches goes to BPE as separate fragments.
 *
 * <p>Matching is leftmost-longest, as Hugging Face's added-vocabulary matcher does: at each position
 * the longest token that starts there wins. llama.cpp instead cuts out the longest token texts first
 * wherever they are; the two differ only when one token's text overlaps another's end, which the
 * vocabularies Relay supports never have.
 *
 * <p>Cost: one bit test per char of text that starts no added token; a trie walk where one may start.
 * Immutable and thread-safe.
 */
final class AddedTokenSplitter {
    /** Receives the fragments of a text in order. */
    interface FragmentSink {
        /** Plain text {@code text[start, end)}, never empty. */
        void text(int start, int end);

        /** An added token. */
        void token(int id);
    }

    private static final int NONE = -1;

    private final Node root = new Node();
    private final BitSet firstChars = new BitSet();

    private static final class Node {
        final Map<Character, Node> children = new HashMap<>();
        int alwaysId = NONE;
        int specialId = NONE;
    }

    /** Matches the added tokens of {@code tokens}: its control, unknown and user-defined ones. */
    AddedTokenSplitter(TokenTable tokens) {
        for (int id = 0; id < tokens.size(); id++) {
            TokenType type = tokens.type(id);
            String text = tokens.piece(id);
            if (text.isEmpty()) {
                continue;
            }
            boolean always = type == TokenType.USER_DEFINED;
            if (always || type == TokenType.CONTROL || type == TokenType.UNKNOWN) {
                Node node = root;
                for (int i = 0; i < text.length(); i++) {
                    node = node.children.computeIfAbsent(text.charAt(i), c -> new Node());
                }
                // The first id wins for a text listed twice, as the lowest id wins in llama.cpp.
                if (always && node.alwaysId == NONE) {
                    node.alwaysId = id;
                } else if (!always && node.specialId == NONE) {
                    node.specialId = id;
                }
                firstChars.set(text.charAt(0));
            }
        }
    }

    /** Splits {@code text} into plain fragments and added tokens; specials only when {@code parseSpecials}. */
    void split(String text, boolean parseSpecials, FragmentSink sink) {
        int plainStart = 0;
        int at = 0;
        while (at < text.length()) {
            if (!firstChars.get(text.charAt(at))) {
                at++;
                continue;
            }
            long match = longestMatch(text, at, parseSpecials);
            if (match == NONE) {
                at++;
                continue;
            }
            if (at > plainStart) {
                sink.text(plainStart, at);
            }
            sink.token((int) match);
            at += (int) (match >>> 32);
            plainStart = at;
        }
        if (text.length() > plainStart) {
            sink.text(plainStart, text.length());
        }
    }

    /** The longest token at {@code start} as {@code length << 32 | id}, or {@link #NONE}. */
    private long longestMatch(String text, int start, boolean parseSpecials) {
        long best = NONE;
        Node node = root;
        for (int i = start; i < text.length(); i++) {
            node = node.children.get(text.charAt(i));
            if (node == null) {
                break;
            }
            int id = node.alwaysId != NONE ? node.alwaysId : parseSpecials ? node.specialId : NONE;
            if (id != NONE) {
                best = (long) (i + 1 - start) << 32 | id;
            }
        }
        return best;
    }
}
