package io.github.relayllm.core.tokenizer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * SentencePiece-style BPE ({@code tokenizer.ggml.model = llama}): Llama 2, TinyLlamas. Encoding
 * follows llama.cpp's {@code llm_tokenizer_spm}:
 *
 * <ol>
 *   <li>added tokens are cut out first ({@link AddedTokenSplitter});
 *   <li>each fragment gets the dummy prefix, a space, when it starts the text or follows an added
 *       token (and the vocabulary adds one: {@code add_space_prefix}); spaces become {@code ▁};
 *   <li>every character starts as its own symbol, and adjacent symbols merge while some pair forms a
 *       piece, the highest-scoring piece first and the leftmost among equals ({@link BpeMerger});
 *   <li>a character that is no piece becomes its UTF-8 bytes as {@code <0xXX>} pieces, or {@code
 *       <unk>} when the vocabulary has no byte pieces.
 * </ol>
 *
 * <p>A Hugging Face {@code tokenizer.json} gives merges instead of scores; they rank pairs the same
 * way because Hugging Face's converter derives them from the scores ({@link SentencePieceMerges}).
 *
 * <p>{@code decode(encode(s, AS_TEXT))} is {@code s} for every string without unpaired surrogates
 * (encoded as U+FFFD), without U+2581 (SentencePiece's mark for a space, so it decodes as one) and
 * without user-defined token texts (the text after one gets a dummy prefix of its own, as after a
 * parsed special). Immutable; thread-safe.
 */
public final class SentencePieceBpeTokenizer extends VocabularyTokenizer {
    private static final char SPACE_MARK = '\u2581';

    private final BpeMerges merges;
    private final boolean addsSpacePrefix;
    private final AddedTokenSplitter addedTokens;
    private final int[] bmpTokens = new int[0x10000];
    private final Map<Integer, Integer> supplementaryTokens = new HashMap<>();
    private final int[] byteTokens = new int[256];
    private final int unknownId;

    SentencePieceBpeTokenizer(
            TokenTable tokens, SpecialTokens specialTokens, BpeMerges merges, boolean addsSpacePrefix) {
        super(tokens, specialTokens);
        this.merges = merges;
        this.addsSpacePrefix = addsSpacePrefix;
        this.addedTokens = new AddedTokenSplitter(tokens);
        Arrays.fill(bmpTokens, -1);
        int unknown = -1;
        for (int id = tokens.size() - 1; id >= 0; id--) {
            String piece = tokens.piece(id);
            if (!piece.isEmpty() && Utf8.charCountAt(piece, 0) == piece.length() && tokens.id(piece) == id) {
                int cp = piece.codePointAt(0);
                if (cp < bmpTokens.length) {
                    bmpTokens[cp] = id;
                } else {
                    supplementaryTokens.put(cp, id);
                }
            }
            if (tokens.type(id) == TokenType.UNKNOWN) {
                unknown = id;
            }
        }
        this.unknownId = unknown;
        for (int b = 0; b < 256; b++) {
            byteTokens[b] = tokens.id("<0x%02X>".formatted(b));
        }
    }

    /** The tokenizer of a GGUF {@code llama} vocabulary, merging by its scores. */
    static SentencePieceBpeTokenizer of(Vocabulary vocabulary) {
        float[] scores = vocabulary
                .scores()
                .orElseThrow(() -> vocabulary.invalid(
                        Vocabulary.SCORES, "missing; a SentencePiece vocabulary merges by its scores"));
        TokenTable tokens = TokenTable.of(vocabulary);
        return new SentencePieceBpeTokenizer(
                tokens,
                SpecialTokens.of(vocabulary),
                BpeMerges.fromScores(tokens, scores),
                vocabulary.addsSpacePrefix());
    }

    /** Whether a space is put in front of text (and dropped again when decoding). */
    public boolean addsSpacePrefix() {
        return addsSpacePrefix;
    }

    @Override
    public int[] encode(String text, Specials specials) {
        Objects.requireNonNull(specials, "specials");
        Session session = new Session(text);
        addedTokens.split(text, specials == Specials.PARSE, session);
        return session.ids.toArray();
    }

    @Override
    public String decode(int[] ids) {
        return Detokenizer.decode(this, ids, addsSpacePrefix);
    }

    @Override
    public byte[] tokenBytes(int id) {
        tokens.requireId(id);
        String piece = tokens.piece(id);
        return switch (tokens.type(id)) {
            case NORMAL -> Utf8.encode(piece.replace(SPACE_MARK, ' '));
            case BYTE -> {
                int b = TokenTable.byteOfPiece(piece);
                yield b >= 0 ? new byte[] {(byte) b} : Utf8.encode(piece);
            }
            case UNUSED -> new byte[0];
            case CONTROL, USER_DEFINED, UNKNOWN -> Utf8.encode(piece);
        };
    }

    @Override
    public StreamingDecoder streamingDecoder() {
        return new StreamingDecoder(this, addsSpacePrefix);
    }

    private int tokenOf(int cp) {
        return cp < bmpTokens.length ? bmpTokens[cp] : supplementaryTokens.getOrDefault(cp, -1);
    }

    /** The state of one {@code encode} call. */
    private final class Session implements AddedTokenSplitter.FragmentSink {
        private final String text;
        private final IdList ids;
        private final BpeMerger merger = new BpeMerger(merges);
        private boolean startsText = true;

        Session(String text) {
            this.text = text;
            this.ids = new IdList(text.length() / 2);
        }

        @Override
        public void token(int id) {
            ids.add(id);
            startsText = true;
        }

        @Override
        public void text(int start, int end) {
            boolean prefix = addsSpacePrefix && startsText;
            startsText = false;
            int[] codePoints = new int[end - start + 1];
            int count = 0;
            if (prefix) {
                codePoints[count++] = SPACE_MARK;
            }
            for (int i = start; i < end; i += Utf8.charCountAt(text, i)) {
                int cp = Utf8.codePointAt(text, i);
                codePoints[count++] = cp == ' ' ? SPACE_MARK : cp;
            }
            int[] symbols = new int[count];
            for (int i = 0; i < count; i++) {
                symbols[i] = tokenOf(codePoints[i]);
            }
            merger.merge(symbols, count);
            for (int i = 0; i < count; i++) {
                if (symbols[i] >= 0) {
                    ids.add(symbols[i]);
                } else if (symbols[i] != BpeMerger.MERGED) {
                    addBytes(codePoints[i]);
                }
            }
        }

        /** Byte fallback for a character that is no piece; {@code <unk>} without byte pieces. */
        private void addBytes(int cp) {
            byte[] bytes = new byte[4];
            int length = Utf8.put(cp, bytes, 0);
            for (int i = 0; i < length; i++) {
                if (byteTokens[bytes[i] & 0xFF] < 0) {
                    if (unknownId >= 0) {
                        ids.add(unknownId);
                    }
                    return;
                }
            }
            for (int i = 0; i < length; i++) {
                ids.add(byteTokens[bytes[i] & 0xFF]);
            }
        }
    }
}
