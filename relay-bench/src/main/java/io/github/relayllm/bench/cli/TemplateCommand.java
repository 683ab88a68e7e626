package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.core.template.ModelChatTemplate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code relay template MODEL --inputs FILE}: renders the model's own chat template for a JSON object
 * shaped like {@code apply_chat_template}'s arguments (messages, tools, add_generation_prompt,
 * enable_thinking, ...), and prints exactly the rendered string, with no newline added.
 */
@Command(
        name = "template",
        description = "Render a model's chat template for a JSON object of inputs; prints exactly the result.",
        mixinStandardHelpOptions = true)
final class TemplateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "GGUF file (vocabulary-only will do) or HF directory.")
    Path model;

    @Option(
            names = "--inputs",
            required = true,
            paramLabel = "FILE",
            description = "JSON object: messages, tools, add_generation_prompt, enable_thinking, other variables.")
    Path inputs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelChatTemplate template = ModelChatTemplate.load(model)
                .orElseThrow(() -> new IllegalArgumentException(model + " has no chat template"));
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(inputs.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("%s: not valid JSON: %s".formatted(inputs, e.getOriginalMessage()), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(inputs + ": expected a JSON object");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(template.render(json));
        out.flush();
        return 0;
    }
}
