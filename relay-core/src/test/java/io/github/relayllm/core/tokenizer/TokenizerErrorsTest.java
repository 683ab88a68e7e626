package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.core.format.gguf.GgufArray;
import io.github.relayllm.core.format.gguf.GgufValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vocabularies Relay can not tokenize exactly are refused with a {@link ModelFormatException} that
 * names the file and field, never tokenized some other way.
 */
class TokenizerErrorsTest {
    @TempDir
    Path dir;

    @Test
    void rejectsAnUnknownGgufPreTokenizer() {
        for (String pre : List.of("falcon", "default")) {
            assertThatThrownBy(() -> Tokenizer.of(TinyVocabularies.byteLevel(pre, List.of(), List.of())))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("tiny byte-level vocabulary")
                    .hasMessageContaining("tokenizer.ggml.pre")
                    .hasMessageContaining("unknown pre-tokenizer '" + pre + "'");
        }
    }

    @Test
    void rejectsAnUnknownGgufTokenizerModel() {
        SequencedMap<String, GgufValue> values = new LinkedHashMap<>();
        values.put(Vocabulary.MODEL, GgufValue.string("bert"));
        values.put(Vocabulary.TOKENS, GgufArray.strings(List.of("[CLS]", "a")));
        assertThatThrownBy(() -> Tokenizer.of(Vocabulary.fromValues("bert vocabulary", values)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tokenizer.ggml.model")
                .hasMessageContaining("unknown tokenizer model 'bert'");
    }

    @Test
    void rejectsASentencePieceVocabularyWithoutScores() {
        SequencedMap<String, GgufValue> values = new LinkedHashMap<>();
        values.put(Vocabulary.MODEL, GgufValue.string("llama"));
        values.put(Vocabulary.TOKENS, GgufArray.strings(List.of("<unk>", "a")));
        assertThatThrownBy(() -> Tokenizer.of(Vocabulary.fromValues("no scores", values)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tokenizer.ggml.scores");
    }

    @Test
    void rejectsAGgufMergeWithoutASpace() {
        assertThatThrownBy(() -> Tokenizer.of(TinyVocabularies.byteLevel("gpt-2", List.of(), List.of("a b", "ab"))))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tokenizer.ggml.merges")
                .hasMessageContaining("merge 1");
    }

    @Test
    void rejectsAnUnknownSplitRegex() throws IOException {
        assertRejected(
                root -> {
                    ObjectNode pre = root.putObject("pre_tokenizer");
                    pre.put("type", "Sequence");
                    ArrayNode steps = pre.putArray("pretokenizers");
                    ObjectNode split = steps.addObject();
                    split.put("type", "Split");
                    split.putObject("pattern").put("Regex", "\\p{L}+|\\s+");
                    split.put("behavior", "Isolated");
                    split.put("invert", false);
                    steps.addObject().put("type", "ByteLevel").put("use_regex", false);
                },
                "pre_tokenizer.pretokenizers[0].pattern.Regex",
                "unknown split regex");
    }

    @Test
    void rejectsAnUnknownPreTokenizerType() throws IOException {
        assertRejected(
                root -> root.putObject("pre_tokenizer").put("type", "Whitespace"),
                "pre_tokenizer.type",
                "unsupported pre-tokenizer 'Whitespace'");
    }

    @Test
    void rejectsAnotherTokenizerModel() throws IOException {
        assertRejected(
                root -> ((ObjectNode) root.get("model")).put("type", "WordPiece"),
                "model.type",
                "unsupported tokenizer model 'WordPiece'");
    }

    @Test
    void rejectsAnotherNormalizer() throws IOException {
        assertRejected(root -> root.putObject("normalizer").put("type", "NFKC"), "normalizer.type", "NFKC");
    }

    @Test
    void rejectsAMergeOfTheWrongShape() throws IOException {
        assertRejected(
                root -> ((ArrayNode) root.get("model").get("merges"))
                        .addArray()
                        .add(1)
                        .add(2),
                "model.merges[0]",
                "expected \"left right\"");
    }

    @Test
    void rejectsTwoPiecesForOneId() throws IOException {
        assertRejected(
                root -> ((ObjectNode) root.get("added_tokens").get(0)).put("id", 5),
                "added_tokens[0]",
                "id 5 is already");
    }

    @Test
    void rejectsAnIdFarBeyondTheTokensInsteadOfAllocatingForIt() throws IOException {
        assertRejected(
                root -> ((ObjectNode) root.get("added_tokens").get(0)).put("id", 2_000_000_000),
                "added_tokens[0]",
                "token id 2000000000 leaves");
    }

    @Test
    void rejectsNegativeIds() throws IOException {
        assertRejected(
                root -> ((ObjectNode) root.get("model").get("vocab")).put("a", -1),
                "model.vocab[\"a\"]",
                "expected a token id");
    }

    @Test
    void rejectsMalformedJson() throws IOException {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {");
        assertThatThrownBy(() -> Tokenizer.fromHuggingFace(file, Optional.empty()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void readsTheUnchangedBaseFile() throws IOException {
        Path file = write(TinyVocabularies.byteLevelTokenizerJson(List.of(), TinyVocabularies.JSON.createArrayNode()));
        Tokenizer tokenizer = Tokenizer.fromHuggingFace(file, Optional.empty());
        assertThat(tokenizer.size()).isEqualTo(257);
        assertThat(tokenizer.type(256)).isEqualTo(TokenType.CONTROL);
    }

    /** The base tokenizer.json, changed by {@code change}, is refused naming {@code field}. */
    private void assertRejected(Consumer<ObjectNode> change, String field, String problem) throws IOException {
        ObjectNode root = TinyVocabularies.byteLevelTokenizerJson(List.of(), TinyVocabularies.JSON.createArrayNode());
        change.accept(root);
        Path file = write(root);
        assertThatThrownBy(() -> Tokenizer.fromHuggingFace(file, Optional.empty()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(field)
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((ModelFormatException) e).field()).isEqualTo(field));
    }

    private Path write(ObjectNode root) throws IOException {
        return Files.writeString(dir.resolve("tokenizer.json"), root.toString());
    }
}
