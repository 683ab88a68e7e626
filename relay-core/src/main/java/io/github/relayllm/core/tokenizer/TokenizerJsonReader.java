package io.github.relayllm.core.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.core.format.hf.TokenizerConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link Tokenizer} from Hugging Face's {@code tokenizer.json} (and {@code
 * tokenizer_config.json}). It reads the BPE pipelines of the published Qwen, Llama 3, GPT-2 and
 * Llama 2 files, and refuses anything else with a {@link ModelFormatException} that names the file
 * and field, rather than tokenizing differently from the model's training:
 *
 * <ul>
 *   <li>byte-level BPE: {@code model.vocab} and {@code model.merges} (as {@code "a b"} strings or
 *       {@code ["a", "b"]} pairs), {@code model.ignore_merges}, a {@code null} or NFC normalizer, and
 *       a pre-tokenizer that is either {@code Sequence[Split{Regex}, ByteLevel{use_regex: false}]}
 *       with one of {@link PreTokenizerType}'s regexes, or {@code ByteLevel{use_regex: true}} (GPT-2);
 *   <li>SentencePiece-style BPE ({@code model.byte_fallback}): the {@code Prepend("▁")}/{@code
 *       Replace(" ", "▁")} normalizer and no pre-tokenizer.
 * </ul>
 *
 * <p>{@code added_tokens} become control tokens when {@code special}, else user-defined; the
 * model's {@code unk_token} is the unknown token. Ids neither file lists (Qwen pads its embedding
 * past the last token) are absent, as long as they are no more than the ids present.
 */
final class TokenizerJsonReader {
    /** Largest tokenizer.json read into memory (Qwen3's is 11 MB). */
    static final long MAX_BYTES = 100_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength((int) MAX_BYTES)
                        .build());
    }

    private final String source;
    private final JsonNode root;

    private TokenizerJsonReader(String source, JsonNode root) {
        this.source = source;
        this.root = root;
    }

    static Tokenizer read(Path tokenizerJson, Optional<Path> tokenizerConfigJson) throws IOException {
        TokenizerConfig config = tokenizerConfigJson.isPresent()
                ? TokenizerConfig.read(tokenizerConfigJson.get())
                : TokenizerConfig.EMPTY;
        return new TokenizerJsonReader(tokenizerJson.toString(), parse(tokenizerJson)).tokenizer(config);
    }

    private static JsonNode parse(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new ModelFormatException(
                    file.toString(),
                    "tokenizer.json",
                    ModelFormatException.UNKNOWN_OFFSET,
                    "%d bytes exceed the %d-byte limit".formatted(size, MAX_BYTES));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(
                    file.toString(), "tokenizer.json", ModelFormatException.UNKNOWN_OFFSET, "not valid UTF-8", e);
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                throw new ModelFormatException(file.toString(), "tokenizer.json", 0, "expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            long chars = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            long offset = chars < 0 || chars > text.length()
                    ? ModelFormatException.UNKNOWN_OFFSET
                    : Utf8.encode(text.substring(0, (int) chars)).length;
            throw new ModelFormatException(
                    file.toString(), "tokenizer.json", offset, "not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Tokenizer tokenizer(TokenizerConfig config) {
        JsonNode model = object(root, "model", "model");
        String type = text(model, "type", "model.type");
        if (!type.equals("BPE")) {
            throw error("model.type", "unsupported tokenizer model '%s'; Relay implements BPE".formatted(type));
        }
        boolean sentencePiece = model.path("byte_fallback").asBoolean(false);
        Optional<String> unknown = optionalText(model, "unk_token", "model.unk_token");
        TokenTableBuilder tokens = new TokenTableBuilder(source);
        readVocab(object(model, "vocab", "model.vocab"), tokens, sentencePiece);
        readAddedTokens(tokens, unknown);
        TokenTable table = tokens.build();
        // BOS: the configuration's text, else the token the post-processor puts first (Llama files).
        Optional<String> postProcessorBos = postProcessorBos();
        SpecialTokens specials = SpecialTokens.byText(
                table,
                config.bosToken().or(() -> postProcessorBos),
                config.eosToken(),
                config.addBosToken().orElse(postProcessorBos.isPresent()));
        List<String[]> merges = readMerges(model);
        if (sentencePiece) {
            return new SentencePieceBpeTokenizer(
                    table, specials, BpeMerges.ranked(table, merges), sentencePieceSpacePrefix());
        }
        return new ByteLevelBpeTokenizer(
                table,
                specials,
                byteLevelPreTokenizer(),
                byteLevelNfc(),
                model.path("ignore_merges").asBoolean(false),
                merges);
    }

    private void readVocab(JsonNode vocab, TokenTableBuilder tokens, boolean sentencePiece) {
        for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
            String piece = entry.getKey();
            JsonNode id = entry.getValue();
            String field = "model.vocab[" + quote(piece) + "]";
            if (!id.canConvertToInt() || !id.isIntegralNumber() || id.intValue() < 0) {
                throw error(field, "expected a token id (an integer from 0), found " + id);
            }
            boolean bytePiece = sentencePiece && TokenTable.byteOfPiece(piece) >= 0;
            tokens.put(id.intValue(), piece, bytePiece ? TokenType.BYTE : TokenType.NORMAL, field);
        }
    }

    private void readAddedTokens(TokenTableBuilder tokens, Optional<String> unknown) {
        JsonNode added = root.path("added_tokens");
        if (added.isMissingNode() || added.isNull()) {
            return;
        }
        if (!added.isArray()) {
            throw error("added_tokens", "expected an array");
        }
        for (int i = 0; i < added.size(); i++) {
            String field = "added_tokens[" + i + "]";
            JsonNode token = object(added, i, field);
            JsonNode id = token.path("id");
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                throw error(field + ".id", "expected a token id (an integer from 0), found " + id);
            }
            String content = text(token, "content", field + ".content");
            boolean special = token.path("special").asBoolean(false);
            TokenType type = unknown.filter(content::equals).isPresent()
                    ? TokenType.UNKNOWN
                    : special ? TokenType.CONTROL : TokenType.USER_DEFINED;
            tokens.putAdded(id.intValue(), content, type, field);
        }
    }

    private List<String[]> readMerges(JsonNode model) {
        JsonNode merges = model.path("merges");
        if (merges.isMissingNode() || merges.isNull()) {
            return List.of();
        }
        if (!merges.isArray()) {
            throw error("model.merges", "expected an array");
        }
        List<String[]> pairs = new ArrayList<>(merges.size());
        for (int i = 0; i < merges.size(); i++) {
            JsonNode merge = merges.get(i);
            String field = "model.merges[" + i + "]";
            if (merge.isTextual()) {
                String text = merge.textValue();
                int space = text.indexOf(' ', 1);
                if (space < 0) {
                    throw error(field, "expected \"left right\", found " + quote(text));
                }
                pairs.add(new String[] {text.substring(0, space), text.substring(space + 1)});
            } else if (merge.isArray()
                    && merge.size() == 2
                    && merge.get(0).isTextual()
                    && merge.get(1).isTextual()) {
                pairs.add(new String[] {merge.get(0).textValue(), merge.get(1).textValue()});
            } else {
                throw error(field, "expected \"left right\" or [\"left\", \"right\"], found " + merge);
            }
        }
        return pairs;
    }

    /** The pre-tokenizer of a byte-level pipeline: a known split regex then ByteLevel, or GPT-2's ByteLevel alone. */
    private PreTokenizerType byteLevelPreTokenizer() {
        JsonNode pre = root.path("pre_tokenizer");
        String type = pre.path("type").asText("");
        if (type.equals("ByteLevel")) {
            requireNoPrefixSpace(pre, "pre_tokenizer");
            if (!pre.path("use_regex").asBoolean(true)) {
                throw error("pre_tokenizer.use_regex", "a ByteLevel pre-tokenizer without a regex splits nothing");
            }
            return PreTokenizerType.GPT2;
        }
        if (!type.equals("Sequence")) {
            throw error(
                    "pre_tokenizer.type",
                    "unsupported pre-tokenizer '%s'; Relay reads Sequence[Split, ByteLevel] or ByteLevel"
                            .formatted(pre.isMissingNode() || pre.isNull() ? "null" : type));
        }
        JsonNode steps = pre.path("pretokenizers");
        if (steps.size() != 2
                || !steps.get(0).path("type").asText("").equals("Split")
                || !steps.get(1).path("type").asText("").equals("ByteLevel")) {
            throw error("pre_tokenizer.pretokenizers", "expected [Split, ByteLevel], found " + steps);
        }
        JsonNode split = steps.get(0);
        String field = "pre_tokenizer.pretokenizers[0]";
        if (!split.path("behavior").asText("").equals("Isolated")
                || split.path("invert").asBoolean(false)) {
            throw error(field + ".behavior", "expected an Isolated split that is not inverted");
        }
        requireNoPrefixSpace(steps.get(1), "pre_tokenizer.pretokenizers[1]");
        String regex = text(object(split, "pattern", field + ".pattern"), "Regex", field + ".pattern.Regex");
        return PreTokenizerType.fromRegex(regex)
                .orElseThrow(() -> error(
                        field + ".pattern.Regex",
                        "unknown split regex %s; Relay implements those of %s"
                                .formatted(quote(regex), List.of(PreTokenizerType.values()))));
    }

    private void requireNoPrefixSpace(JsonNode byteLevel, String field) {
        if (byteLevel.path("add_prefix_space").asBoolean(false)) {
            throw error(field + ".add_prefix_space", "adding a prefix space is not supported");
        }
    }

    private boolean byteLevelNfc() {
        JsonNode normalizer = root.path("normalizer");
        if (normalizer.isMissingNode() || normalizer.isNull()) {
            return false;
        }
        String type = normalizer.path("type").asText("");
        if (!type.equals("NFC")) {
            throw error("normalizer.type", "unsupported normalizer '%s'; Relay reads NFC or none".formatted(type));
        }
        return true;
    }

    /**
     * Whether a SentencePiece pipeline prepends {@code ▁}: its normalizer must be {@code
     * Sequence[Prepend("▁"), Replace(" ", "▁")]} (or the Replace alone) and it must have no
     * pre-tokenizer, as Llama 2's file has it.
     */
    private boolean sentencePieceSpacePrefix() {
        JsonNode pre = root.path("pre_tokenizer");
        if (!pre.isMissingNode() && !pre.isNull()) {
            throw error(
                    "pre_tokenizer",
                    "unsupported for a byte-fallback BPE; Relay reads the Prepend/Replace normalizer form"
                            + " with no pre-tokenizer");
        }
        JsonNode normalizer = root.path("normalizer");
        List<JsonNode> steps = new ArrayList<>();
        if (normalizer.path("type").asText("").equals("Sequence")) {
            normalizer.path("normalizers").forEach(steps::add);
        } else if (!normalizer.isMissingNode() && !normalizer.isNull()) {
            steps.add(normalizer);
        }
        boolean prepend = !steps.isEmpty() && isPrependSpaceMark(steps.getFirst());
        List<JsonNode> rest = prepend ? steps.subList(1, steps.size()) : steps;
        if (rest.size() != 1 || !isSpaceToSpaceMark(rest.getFirst())) {
            throw error(
                    "normalizer",
                    "expected Sequence[Prepend(\"\u2581\"), Replace(\" \", \"\u2581\")], found " + normalizer);
        }
        return prepend;
    }

    private static boolean isPrependSpaceMark(JsonNode step) {
        return step.path("type").asText("").equals("Prepend")
                && step.path("prepend").asText("").equals("\u2581");
    }

    private static boolean isSpaceToSpaceMark(JsonNode step) {
        return step.path("type").asText("").equals("Replace")
                && step.path("pattern").path("String").asText("").equals(" ")
                && step.path("content").asText("").equals("\u2581");
    }

    /** The special token a TemplateProcessing post-processor puts first, if any: how Llama files add BOS. */
    private Optional<String> postProcessorBos() {
        JsonNode processor = root.path("post_processor");
        if (!processor.path("type").asText("").equals("TemplateProcessing")) {
            return Optional.empty();
        }
        JsonNode first = processor.path("single").path(0).path("SpecialToken").path("id");
        return first.isTextual() ? Optional.of(first.textValue()) : Optional.empty();
    }

    private JsonNode object(JsonNode parent, String name, String field) {
        JsonNode child = parent.path(name);
        if (!child.isObject()) {
            throw error(field, child.isMissingNode() ? "missing" : "expected an object, found " + child);
        }
        return child;
    }

    private JsonNode object(JsonNode array, int index, String field) {
        JsonNode child = array.path(index);
        if (!child.isObject()) {
            throw error(field, "expected an object, found " + child);
        }
        return child;
    }

    private String text(JsonNode parent, String name, String field) {
        return optionalText(parent, name, field).orElseThrow(() -> error(field, "missing"));
    }

    private Optional<String> optionalText(JsonNode parent, String name, String field) {
        JsonNode child = parent.path(name);
        if (child.isMissingNode() || child.isNull()) {
            return Optional.empty();
        }
        if (!child.isTextual()) {
            throw error(field, "expected a string, found " + child);
        }
        return Optional.of(child.textValue());
    }

    private ModelFormatException error(String field, String problem) {
        return new ModelFormatException(source, field, ModelFormatException.UNKNOWN_OFFSET, problem);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
