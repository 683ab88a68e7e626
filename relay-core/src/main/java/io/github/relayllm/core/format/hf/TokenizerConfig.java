package io.github.relayllm.core.format.hf;

import io.github.relayllm.core.format.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a Hugging Face {@code tokenizer_config.json} Relay reads: the chat template, whether
 * a BOS token is added, and the texts of the BOS and EOS tokens. {@code chat_template} is either a
 * string or, in older files, a list of {@code {"name", "template"}} objects, of which the one named
 * {@code default} is the template. {@code bos_token} and {@code eos_token} are either a string or
 * an added-token object whose {@code content} is the text.
 *
 * @param chatTemplate the Jinja source of the default chat template, if any
 * @param addBosToken {@code add_bos_token}, if given
 * @param bosToken the text of {@code bos_token}, if given
 * @param eosToken the text of {@code eos_token}, if given
 */
public record TokenizerConfig(
        Optional<String> chatTemplate,
        Optional<Boolean> addBosToken,
        Optional<String> bosToken,
        Optional<String> eosToken) {
    /** A configuration that says nothing: what a directory without {@code tokenizer_config.json} has. */
    public static final TokenizerConfig EMPTY =
            new TokenizerConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public TokenizerConfig {
        Objects.requireNonNull(chatTemplate, "chatTemplate");
        Objects.requireNonNull(addBosToken, "addBosToken");
        Objects.requireNonNull(bosToken, "bosToken");
        Objects.requireNonNull(eosToken, "eosToken");
    }

    /**
     * Reads {@code file}.
     *
     * @throws ModelFormatException if it is not a JSON object or a key has the wrong type; it names
     *     the file, the key and its byte offset
     */
    public static TokenizerConfig read(Path file) throws IOException {
        JsonValue root = JsonDocument.read(file).requireObject();
        Optional<String> template = root.member("chat_template").flatMap(TokenizerConfig::defaultTemplate);
        return new TokenizerConfig(
                template,
                root.member("add_bos_token").map(JsonValue::asBoolean),
                root.member("bos_token").map(TokenizerConfig::tokenText),
                root.member("eos_token").map(TokenizerConfig::tokenText));
    }

    private static String tokenText(JsonValue value) {
        return value.node().isObject() ? value.required("content").asString() : value.asString();
    }

    private static Optional<String> defaultTemplate(JsonValue value) {
        if (!value.node().isArray()) {
            return Optional.of(value.asString());
        }
        for (JsonValue named : value.elements()) {
            if ("default".equals(named.required("name").asString())) {
                return Optional.of(named.required("template").asString());
            }
        }
        return Optional.empty();
    }
}
