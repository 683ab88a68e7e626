package io.github.relayllm.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.format.hf.TokenizerConfig;
import io.github.relayllm.core.tokenizer.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A model's own chat template together with the special-token texts Hugging Face hands every
 * template ({@code bos_token}, {@code eos_token}; Llama templates print them). Rendering adds those
 * texts unless the caller passes its own.
 *
 * <pre>{@code
 * ModelChatTemplate chat = ModelChatTemplate.load(Path.of("qwen3-0.6b.gguf")).orElseThrow();
 * String prompt = chat.render(List.of(ChatMessage.user("What is 12 * 7?")), List.of(), true,
 *         Map.of("enable_thinking", false));
 * }</pre>
 *
 * @param template the compiled template
 * @param bosToken the text of the BOS token, if the model has one
 * @param eosToken the text of the EOS token, if the model has one
 */
public record ModelChatTemplate(ChatTemplate template, Optional<String> bosToken, Optional<String> eosToken) {
    public ModelChatTemplate {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(bosToken, "bosToken");
        Objects.requireNonNull(eosToken, "eosToken");
    }

    /**
     * The chat template of the model at {@code model}: {@code tokenizer.chat_template} of a GGUF file
     * (a vocabulary-only one will do), or {@code chat_template.jinja} / {@code chat_template} of
     * {@code tokenizer_config.json} in a Hugging Face directory. Empty if the model has none.
     *
     * @throws TemplateException if the template does not compile; it names the line
     */
    public static Optional<ModelChatTemplate> load(Path model) throws IOException {
        if (Files.isDirectory(model)) {
            Path configFile = model.resolve("tokenizer_config.json");
            TokenizerConfig config =
                    Files.isRegularFile(configFile) ? TokenizerConfig.read(configFile) : TokenizerConfig.EMPTY;
            Path jinja = model.resolve("chat_template.jinja");
            Optional<String> source =
                    Files.isRegularFile(jinja) ? Optional.of(Files.readString(jinja)) : config.chatTemplate();
            return source.map(
                    s -> new ModelChatTemplate(ChatTemplate.compile(s), config.bosToken(), config.eosToken()));
        }
        try (GgufFile gguf = GgufFile.open(model)) {
            Optional<Vocabulary> vocabulary = Vocabulary.of(gguf.metadata());
            return vocabulary
                    .flatMap(Vocabulary::chatTemplate)
                    .map(source -> new ModelChatTemplate(
                            ChatTemplate.compile(source),
                            text(vocabulary.get(), vocabulary.get().bosId()),
                            text(vocabulary.get(), vocabulary.get().eosId())));
        }
    }

    /**
     * Renders a conversation; {@code extraVariables} (such as {@code enable_thinking}) may override
     * {@code bos_token} and {@code eos_token}.
     */
    public String render(
            List<ChatMessage> messages,
            List<Map<String, Object>> tools,
            boolean addGenerationPrompt,
            Map<String, ?> extraVariables) {
        Map<String, Object> variables = new LinkedHashMap<>();
        bosToken.ifPresent(text -> variables.put("bos_token", text));
        eosToken.ifPresent(text -> variables.put("eos_token", text));
        variables.putAll(extraVariables);
        return template.render(messages, tools, addGenerationPrompt, variables);
    }

    /**
     * The prompt a model continues from: {@code messages} rendered with the generation prompt and
     * {@code enable_thinking} as given (templates without the switch ignore it). The one rendering
     * every generation path shares, so that a relay request and an evaluation see the same text.
     */
    public String generationPrompt(List<ChatMessage> messages, boolean thinking) {
        return render(messages, List.of(), true, Map.of("enable_thinking", thinking));
    }

    /**
     * Renders from a JSON object shaped like {@code apply_chat_template}'s arguments (see {@link
     * ChatTemplate#render(JsonNode)}), adding {@code bos_token} and {@code eos_token} unless it has
     * them.
     */
    public String render(JsonNode inputs) {
        if (!(inputs instanceof ObjectNode object)) {
            return template.render(inputs);
        }
        ObjectNode withTokens = object.deepCopy();
        bosToken.filter(text -> !object.has("bos_token")).ifPresent(text -> withTokens.put("bos_token", text));
        eosToken.filter(text -> !object.has("eos_token")).ifPresent(text -> withTokens.put("eos_token", text));
        return template.render(withTokens);
    }

    private static Optional<String> text(Vocabulary vocabulary, OptionalInt id) {
        return id.isPresent() ? Optional.of(vocabulary.tokens().get(id.getAsInt())) : Optional.empty();
    }
}
