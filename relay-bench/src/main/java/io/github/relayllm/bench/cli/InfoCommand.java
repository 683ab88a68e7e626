package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.ModelDescription;
import io.github.relayllm.core.model.RopeScaling;
import io.github.relayllm.core.model.TensorEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code relay info MODEL}: the architecture, hyper-parameters, tokenizer, chat template and tensor
 * table of a GGUF file or Hugging Face directory. Vocabulary-only files are reported as such.
 */
@Command(
        name = "info",
        description = "Describe a model: a GGUF file or a Hugging Face directory.",
        mixinStandardHelpOptions = true)
final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "GGUF file or Hugging Face model directory.")
    Path model;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelDescription description = ModelDescription.describe(model);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, toJson(description));
        } else {
            printText(out, description);
        }
        return 0;
    }

    static ObjectNode toJson(ModelDescription d) {
        ObjectNode root = JsonOutput.object();
        root.put("path", d.path().toString());
        root.put("format", d.format());
        root.put("architecture", d.architecture());
        root.put("runnable", d.config().isPresent());
        d.note().ifPresentOrElse(note -> root.put("note", note), () -> root.putNull("note"));
        ModelConfig c = d.config().orElse(null);
        root.put("vocab_size", c != null ? c.vocabSize() : d.tokenizer().size());
        if (c != null) {
            root.put("hidden_size", c.hiddenSize());
            root.put("n_layers", c.layerCount());
            root.put("n_heads", c.headCount());
            root.put("n_kv_heads", c.kvHeadCount());
            root.put("head_dim", c.headDim());
            root.put("ffn_size", c.ffnSize());
            root.put("rope_theta", c.ropeTheta());
            root.put("rope_scaling", describe(c.ropeScaling()));
            root.put("rope_pairing", c.ropePairing().name().toLowerCase(Locale.ROOT));
            root.put("norm_eps", (float) c.normEps());
            root.put("tied_embeddings", c.tiedEmbeddings());
            root.put("qkv_bias", c.qkvBias());
            root.put("qk_norm", c.qkNorm());
            root.put("context_length", c.contextLength());
            c.bosId().ifPresentOrElse(id -> root.put("bos_id", id), () -> root.putNull("bos_id"));
            ArrayNode eos = root.putArray("eos_ids");
            c.eosIds().forEach(eos::add);
            root.put("parameters", c.parameterCount());
        } else {
            for (String field : new String[] {
                "hidden_size",
                "n_layers",
                "n_heads",
                "n_kv_heads",
                "head_dim",
                "ffn_size",
                "rope_theta",
                "rope_scaling",
                "rope_pairing",
                "norm_eps",
                "tied_embeddings",
                "qkv_bias",
                "qk_norm",
                "context_length",
                "bos_id",
                "eos_ids",
                "parameters"
            }) {
                root.putNull(field);
            }
        }
        root.put("has_chat_template", d.hasChatTemplate());
        ObjectNode tokenizer = root.putObject("tokenizer");
        tokenizer.put("kind", d.tokenizer().kind());
        tokenizer.put("pre", d.tokenizer().pre());
        tokenizer.put("size", d.tokenizer().size());
        root.put("tensor_bytes", d.tensorBytes());
        ArrayNode tensors = root.putArray("tensors");
        for (TensorEntry t : d.tensors()) {
            ObjectNode tensor = tensors.addObject();
            tensor.put("name", t.name());
            tensor.put("dtype", dtypeName(t));
            ArrayNode shape = tensor.putArray("shape");
            for (long dim : t.shape().dims()) {
                shape.add(dim);
            }
            tensor.put("bytes", t.bytes());
        }
        return root;
    }

    private static void printText(PrintWriter out, ModelDescription d) {
        out.printf("%s (%s)%n", d.path(), d.format());
        TextTable facts = new TextTable("field", "value");
        facts.row("architecture", d.architecture());
        d.note().ifPresent(note -> facts.row("note", note));
        d.config().ifPresent(c -> {
            facts.row("parameters", "%,d".formatted(c.parameterCount()));
            facts.row("vocab size", c.vocabSize());
            facts.row("hidden size", c.hiddenSize());
            facts.row("layers", c.layerCount());
            facts.row(
                    "heads",
                    "%d query, %d key/value, head dim %d".formatted(c.headCount(), c.kvHeadCount(), c.headDim()));
            facts.row("ffn size", c.ffnSize());
            facts.row(
                    "rope",
                    "theta %s, %s pairs, %s"
                            .formatted(
                                    number(c.ropeTheta()),
                                    c.ropePairing().name().toLowerCase(Locale.ROOT),
                                    describe(c.ropeScaling())));
            facts.row("norm eps", number((float) c.normEps()));
            facts.row("embeddings", c.tiedEmbeddings() ? "tied (output = token embedding)" : "separate output matrix");
            facts.row("qkv bias / qk norm", (c.qkvBias() ? "yes" : "no") + " / " + (c.qkNorm() ? "yes" : "no"));
            facts.row("context length", c.contextLength());
            facts.row(
                    "bos / eos",
                    c.bosId().isPresent() ? c.bosId().getAsInt() + " / " + c.eosIds() : "none / " + c.eosIds());
        });
        facts.row(
                "tokenizer",
                "%s (pre-tokenizer %s), %d tokens"
                        .formatted(
                                d.tokenizer().kind(),
                                d.tokenizer().pre(),
                                d.tokenizer().size()));
        facts.row("chat template", d.hasChatTemplate() ? "yes" : "no");
        facts.row("tensors", "%d, %s".formatted(d.tensors().size(), ByteSizes.format(d.tensorBytes())));
        facts.print(out, "");
        if (!d.tensors().isEmpty()) {
            out.println();
            TextTable tensors = new TextTable("name", "dtype", "shape", ">bytes");
            for (TensorEntry t : d.tensors()) {
                tensors.row(t.name(), dtypeName(t), t.shape(), t.bytes());
            }
            tensors.print(out, "");
        }
    }

    private static String dtypeName(TensorEntry tensor) {
        return tensor.dtype().name().toLowerCase(Locale.ROOT);
    }

    private static String describe(RopeScaling scaling) {
        return switch (scaling) {
            case RopeScaling.None _ -> "none";
            case RopeScaling.Linear linear -> "linear x" + number(linear.factor());
            case RopeScaling.Llama3 l ->
                "llama3 (factor %s, low %s, high %s, original context %d)"
                        .formatted(
                                number(l.factor()),
                                number(l.lowFreqFactor()),
                                number(l.highFreqFactor()),
                                l.originalContextLength());
            case RopeScaling.FromWeights _ -> "per-pair divisors from rope_freqs.weight";
        };
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static String number(float value) {
        return Float.toString(value);
    }
}
