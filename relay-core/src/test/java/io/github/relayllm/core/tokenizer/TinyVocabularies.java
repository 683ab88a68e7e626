package io.github.relayllm.core.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.format.gguf.GgufArray;
import io.github.relayllm.core.format.gguf.GgufValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/** Vocabularies small enough to reason about by hand, as GGUF values and as tokenizer.json trees. */
final class TinyVocabularies {
    static final ObjectMapper JSON = new ObjectMapper();

    private TinyVocabularies() {}

    /** GPT-2's 256 byte pieces in their usual order (printable bytes first), then {@code extra}. */
    static List<String> bytePieces(List<String> extra) {
        List<String> pieces = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int b = 0; b < 256; b++) {
                boolean printable = ByteLevelAlphabet.charOf(b) == (char) b;
                if (printable == (pass == 0)) {
                    pieces.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
                }
            }
        }
        pieces.addAll(extra);
        return pieces;
    }

    /** A byte-level GGUF vocabulary: the byte pieces, {@code extra} pieces and {@code merges} ("a b"). */
    static Vocabulary byteLevel(String pre, List<String> extra, List<String> merges) {
        SequencedMap<String, GgufValue> values = new LinkedHashMap<>();
        values.put(Vocabulary.MODEL, GgufValue.string("gpt2"));
        values.put(Vocabulary.PRE, GgufValue.string(pre));
        values.put(Vocabulary.TOKENS, GgufArray.strings(bytePieces(extra)));
        values.put(Vocabulary.MERGES, GgufArray.strings(merges));
        return Vocabulary.fromValues("tiny byte-level vocabulary", values);
    }

    /**
     * A SentencePiece GGUF vocabulary: {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte pieces
     * when asked, then {@code pieces} with their scores.
     */
    static Vocabulary sentencePiece(SequencedMap<String, Float> pieces, boolean bytePieces, boolean spacePrefix) {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Integer> types = new ArrayList<>(List.of(2, 3, 3));
        List<Float> scores = new ArrayList<>(List.of(0f, 0f, 0f));
        if (bytePieces) {
            for (int b = 0; b < 256; b++) {
                tokens.add("<0x%02X>".formatted(b));
                types.add(TokenType.BYTE.id());
                scores.add(0f);
            }
        }
        pieces.forEach((piece, score) -> {
            tokens.add(piece);
            types.add(TokenType.NORMAL.id());
            scores.add(score);
        });
        float[] scoreArray = new float[scores.size()];
        for (int i = 0; i < scoreArray.length; i++) {
            scoreArray[i] = scores.get(i);
        }
        SequencedMap<String, GgufValue> values = new LinkedHashMap<>();
        values.put(Vocabulary.MODEL, GgufValue.string("llama"));
        values.put(Vocabulary.TOKENS, GgufArray.strings(tokens));
        values.put(
                Vocabulary.TOKEN_TYPES,
                GgufArray.int32(types.stream().mapToInt(Integer::intValue).toArray()));
        values.put(Vocabulary.SCORES, GgufArray.float32(scoreArray));
        values.put(Vocabulary.BOS, GgufValue.uint32(1));
        values.put(Vocabulary.EOS, GgufValue.uint32(2));
        values.put(Vocabulary.ADD_SPACE_PREFIX, GgufValue.bool(spacePrefix));
        return Vocabulary.fromValues("tiny SentencePiece vocabulary", values);
    }

    /**
     * A byte-level tokenizer.json: the byte pieces and {@code extra} in {@code model.vocab}, {@code
     * <|end|>} as a special added token, GPT-2's ByteLevel pre-tokenizer, and {@code merges} as given.
     */
    static ObjectNode byteLevelTokenizerJson(List<String> extra, ArrayNode merges) {
        ObjectNode root = JSON.createObjectNode();
        List<String> pieces = bytePieces(extra);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < pieces.size(); id++) {
            vocab.put(pieces.get(id), id);
        }
        model.set("merges", merges);
        ObjectNode end = root.putArray("added_tokens").addObject();
        end.put("id", pieces.size());
        end.put("content", "<|end|>");
        end.put("special", true);
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "ByteLevel");
        pre.put("add_prefix_space", false);
        pre.put("use_regex", true);
        return root;
    }
}
