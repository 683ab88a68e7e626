package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.Model;
import io.github.relayllm.core.runtime.Session;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code relay logits MODEL (--prompt TEXT | --tokens IDS) [--gen N] --top K}: the logits the model
 * gives after every position of a prompt, and of {@code N} greedily generated tokens, as the top
 * {@code K} ids and values per row: the tool for comparing Relay with other engines (row {@code r}
 * holds the logits that predict token {@code r + 1}).
 */
@Command(
        name = "logits",
        description = "Print the top logits after every prompt position (and N greedy tokens), for comparisons.",
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class LogitsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "GGUF file or Hugging Face directory.")
    Path model;

    @Mixin
    PromptOptionsMixin prompt;

    @Option(names = "--gen", paramLabel = "N", defaultValue = "0", description = "Greedy tokens to append and report.")
    int generate;

    @Option(
            names = "--top",
            paramLabel = "K",
            defaultValue = "5",
            description = "Logits per row (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Mixin
    ModelOptionsMixin modelOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        prompt.requireOne(spec);
        if (top < 1 || generate < 0) {
            throw new ParameterException(spec.commandLine(), "--top must be positive and --gen not negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Model loaded = Model.load(model, modelOptions.toOptions());
                Session session = loaded.newSession()) {
            int vocabulary = loaded.config().vocabSize();
            int[] promptIds = prompt.ids(loaded);
            if (promptIds.length == 0) {
                throw new IllegalArgumentException("the prompt is empty");
            }
            int[] fed = Arrays.copyOf(promptIds, promptIds.length + generate);
            float[] logits = new float[vocabulary];
            ObjectNode root = JsonOutput.object();
            ArrayNode rows = root.putArray("rows");
            for (int row = 0; row < fed.length; row++) {
                session.evaluate(Arrays.copyOf(fed, row + 1));
                session.readLogits(logits);
                int argmax = session.argmax();
                if (row + 1 < fed.length && row + 1 >= promptIds.length) {
                    fed[row + 1] = argmax;
                }
                report(json ? rows.addObject() : null, out, row, fed[row], argmax, logits, loaded.tokenizer());
            }
            if (json) {
                JsonOutput.print(out, root);
            }
        }
        return 0;
    }

    private void report(
            ObjectNode row, PrintWriter out, int position, int token, int argmax, float[] logits, Tokenizer tokenizer) {
        int[] best = topIndices(logits, top);
        if (row != null) {
            row.put("row", position);
            row.put("pos", position);
            row.put("token", token);
            row.put("argmax", argmax);
            ArrayNode ids = row.putArray("top_ids");
            ArrayNode values = row.putArray("top_logits");
            for (int id : best) {
                ids.add(id);
                values.add(logits[id]);
            }
            return;
        }
        StringBuilder line =
                new StringBuilder(String.format(Locale.ROOT, "pos %d tok %d argmax %d |", position, token, argmax));
        for (int id : best) {
            line.append(String.format(Locale.ROOT, " %d:%.5f[%s]", id, logits[id], TokenText.of(tokenizer, id)));
        }
        out.println(line);
    }

    /** The indices of the {@code k} largest values, largest first (lower index first on ties). */
    static int[] topIndices(float[] values, int k) {
        int count = Math.min(k, values.length);
        int[] best = new int[count];
        int filled = 0;
        for (int i = 0; i < values.length; i++) {
            int at = filled;
            while (at > 0 && values[best[at - 1]] < values[i]) {
                at--;
            }
            if (at < count) {
                System.arraycopy(best, at, best, at + 1, Math.min(filled, count - 1) - at);
                best[at] = i;
                filled = Math.min(filled + 1, count);
            }
        }
        return best;
    }
}
