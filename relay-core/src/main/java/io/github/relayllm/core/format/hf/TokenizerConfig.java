package io.github.relayllm.core.format.hf;

import io.github.relayllm.core.format.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a Hugging Face {@code tokenizer_config.json} Relay reads: the chat template and
 * whether a BOS token is added. {@code chat_template} is either a string or, in older files, a list
 * of {@code {"name", "template"}} objects, of which the one named {@code default} is the template.
 *
 * @param chatTemplate the Jinja source of the default chat template, if any
 * @param addBosToken {@code add_bos_token}, if given
 */
public record TokenizerConfig(Optional<String> chatTemplate, Optional<Boolean> addBosToken) {
    public TokenizerConfig {
        Objects.requireNonNull(chatTemplate, "chatTemplate");
        Objects.requireNonNull(addBosToken, "addBosToken");
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
        return new TokenizerConfig(template, root.member("add_bos_token").map(JsonValue::asBoolean));
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
