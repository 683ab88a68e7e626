package io.github.relayllm.core.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Byte-level BPE ({@code tokenizer.ggml.model = gpt2}): GPT-2, Llama 3, Qwen2 to Qwen3. Encoding
 * follows llama.cpp's {@code llm_tokenizer_bpe}:
 *
 * <ol>
 *   <li>added tokens are cut out first ({@link AddedTokenSplitter});
 *   <li>each fragment between them is NFC-normalized when the tokenizer.json asks for it (Qwen) and split
 *       into words by the pre-tokenizer's scanner ({@link WordSplitter});
 *   <li>each word's UTF-8 bytes become byte tokens (one per byte, in {@link ByteLevelAlphabet}),
 *       which BPE merges by rank ({@link BpeMerger}); Llama 3 ({@code ignore_merges}) first takes a
 *       word that is a whole token as that token.
 * </ol>
 *
 * <p>Words are cached ({@link WordCache}), so common words cost a hash lookup. A byte without a byte
 * token (a vocabulary missing part of the 256-byte alphabet) is dropped, as llama.cpp drops it.
 * Immutable apart from the cache; thread-safe.
 */
public final class ByteLevelBpeTokenizer extends VocabularyTokenizer {
    private final PreTokenizerType preTokenizer;
    private final WordSplitter splitter;
    private final boolean normalizesToNfc;
    private final boolean ignoresMergesForWholeTokens;
    private final BpeMerges merges;
    private final AddedTokenSplitter addedTokens;
    private final int[] byteTokens = new int[256];
    private final WordCache cache = new WordCache();

    /**
     * @param merges the merges as pairs of pieces, highest priority first
     * @param normalizesToNfc whether fragments are NFC-normalized before splitting
     * @param ignoresMergesForWholeTokens whether a word that is a token is taken whole (Llama 3)
     */
    ByteLevelBpeTokenizer(
            TokenTable tokens,
            SpecialTokens specialTokens,
            PreTokenizerType preTokenizer,
            boolean normalizesToNfc,
            boolean ignoresMergesForWholeTokens,
            List<String[]> merges) {
        super(tokens, specialTokens);
        this.preTokenizer = preTokenizer;
        this.splitter = WordSplitter.of(preTokenizer);
        this.normalizesToNfc = normalizesToNfc;
        this.ignoresMergesForWholeTokens = ignoresMergesForWholeTokens;
        this.merges = BpeMerges.ranked(tokens, merges);
        this.addedTokens = new AddedTokenSplitter(tokens);
        for (int b = 0; b < 256; b++) {
            byteTokens[b] = tokens.id(String.valueOf(ByteLevelAlphabet.charOf(b)));
        }
    }

    /**
     * The tokenizer of a GGUF {@code gpt2} vocabulary, as llama.cpp runs it: no normalization (GGUF
     * does not record Qwen's NFC normalizer, and llama.cpp applies none), and the whole-word rule for
     * Llama 3, which its pre-tokenizer implies.
     */
    static ByteLevelBpeTokenizer of(Vocabulary vocabulary) {
        PreTokenizerType pre = PreTokenizerType.fromGguf(vocabulary.pre())
                .orElseThrow(() -> vocabulary.invalid(
                        Vocabulary.PRE,
                        "unknown pre-tokenizer '%s'; Relay supports %s"
                                .formatted(
                                        vocabulary.pre(),
                                        Arrays.stream(PreTokenizerType.values())
                                                .map(PreTokenizerType::ggufName)
                                                .toList())));
        List<String> ggufMerges = vocabulary.merges();
        List<String[]> pairs = new ArrayList<>(ggufMerges.size());
        for (int i = 0; i < ggufMerges.size(); i++) {
            String merge = ggufMerges.get(i);
            int space = merge.indexOf(' ', 1);
            if (space < 0) {
                throw vocabulary.invalid(
                        Vocabulary.MERGES, "merge %d (\"%s\") has no space between its two pieces".formatted(i, merge));
            }
            pairs.add(new String[] {merge.substring(0, space), merge.substring(space + 1)});
        }
        return new ByteLevelBpeTokenizer(
                TokenTable.of(vocabulary),
                SpecialTokens.of(vocabulary),
                pre,
                false,
                pre == PreTokenizerType.LLAMA3,
                pairs);
    }

    /** The pre-tokenizer that splits text into words. */
    public PreTokenizerType preTokenizer() {
        return preTokenizer;
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
        return Detokenizer.decode(this, ids, false);
    }

    @Override
    public byte[] tokenBytes(int id) {
        tokens.requireId(id);
        String piece = tokens.piece(id);
        return switch (tokens.type(id)) {
            case NORMAL -> unmap(piece);
            case BYTE -> {
                int b = TokenTable.byteOfPiece(piece);
                yield b >= 0 ? new byte[] {(byte) b} : unmap(piece);
            }
            case UNUSED -> new byte[0];
            case CONTROL, USER_DEFINED, UNKNOWN -> Utf8.encode(piece);
        };
    }

    /** A byte-level piece as the bytes it stands for; a char outside the alphabet as its own UTF-8. */
    private static byte[] unmap(String piece) {
        byte[] bytes = new byte[piece.length() * 3];
        int length = 0;
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            int b = ByteLevelAlphabet.byteOf(c);
            if (b >= 0) {
                bytes[length++] = (byte) b;
            } else {
                int cp = Utf8.codePointAt(piece, i);
                i += Utf8.charCountAt(piece, i) - 1;
                length = Utf8.put(cp, bytes, length);
            }
        }
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public StreamingDecoder streamingDecoder() {
        return new StreamingDecoder(this, false);
    }

    /** The state of one {@code encode} call: its output and BPE scratch space. */
    private final class Session implements AddedTokenSplitter.FragmentSink, WordSplitter.WordSink {
        private final String text;
        private final IdList ids;
        private final BpeMerger merger = new BpeMerger(merges);
        private final Function<String, int[]> encoder = this::encodeWord;
        private String fragment;
        private byte[] bytes = new byte[64];
        private int[] symbols = new int[64];

        Session(String text) {
            this.text = text;
            this.ids = new IdList(text.length() / 3);
        }

        @Override
        public void token(int id) {
            ids.add(id);
        }

        @Override
        public void text(int start, int end) {
            if (normalizesToNfc && !isNfc(text, start, end)) {
                fragment = Normalizer.normalize(text.substring(start, end), Normalizer.Form.NFC);
                splitter.split(fragment, 0, fragment.length(), this);
            } else {
                fragment = text;
                splitter.split(text, start, end, this);
            }
        }

        @Override
        public void word(int start, int end) {
            ids.addAll(cache.get(fragment, start, end, encoder));
        }

        private int[] encodeWord(String word) {
            if (bytes.length < word.length() * 3) {
                bytes = new byte[word.length() * 3];
                symbols = new int[word.length() * 3];
            }
            int count = 0;
            for (int i = 0; i < word.length(); i += Utf8.charCountAt(word, i)) {
                count = Utf8.put(Utf8.codePointAt(word, i), bytes, count);
            }
            if (ignoresMergesForWholeTokens) {
                int whole = tokens.id(ByteLevelAlphabet.encode(Arrays.copyOf(bytes, count)));
                if (whole >= 0) {
                    return new int[] {whole};
                }
            }
            for (int i = 0; i < count; i++) {
                symbols[i] = byteTokens[bytes[i] & 0xFF];
            }
            merger.merge(symbols, count);
            int survivors = 0;
            for (int i = 0; i < count; i++) {
                if (symbols[i] >= 0) {
                    symbols[survivors++] = symbols[i];
                }
            }
            return Arrays.copyOf(symbols, survivors);
        }
    }

    /** Whether {@code text[start, end)} is in NFC; text below U+0300 always is, without a look at the tables. */
    private static boolean isNfc(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) >= 0x300) {
                return Normalizer.isNormalized(text.subSequence(start, end), Normalizer.Form.NFC);
            }
        }
        return true;
    }
}
