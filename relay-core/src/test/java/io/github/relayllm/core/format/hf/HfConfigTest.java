package io.github.relayllm.core.format.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.format.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HfConfigTest {

    static byte[] resource(String name) {
        try (InputStream in = HfConfigTest.class.getResourceAsStream("configs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource configs/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HfConfig sample(String name) {
        return HfConfig.parse(resource(name), name);
    }

    @Nested
    class PublishedConfigs {
        @Test
        void readsQwen3WithHeadDimIndependentOfHiddenSize() {
            HfConfig config = sample("qwen3-0.6b.json");

            assertThat(config.architectures()).containsExactly("Qwen3ForCausalLM");
            assertThat(config.modelType()).isEqualTo("qwen3");
            assertThat(config.vocabSize()).isEqualTo(151936);
            assertThat(config.hiddenSize()).isEqualTo(1024);
            assertThat(config.intermediateSize()).isEqualTo(3072);
            assertThat(config.numHiddenLayers()).isEqualTo(28);
            assertThat(config.numAttentionHeads()).isEqualTo(16);
            assertThat(config.numKeyValueHeads()).isEqualTo(8);
            assertThat(config.headDim()).isEqualTo(128);
            assertThat(config.ropeTheta()).isEqualTo(1_000_000);
            assertThat(config.ropeScaling()).isEmpty();
            assertThat(config.rmsNormEps()).isEqualTo(1e-6);
            assertThat(config.tieWordEmbeddings()).isTrue();
            assertThat(config.maxPositionEmbeddings()).isEqualTo(40960);
            assertThat(config.bosTokenId()).hasValue(151643);
            assertThat(config.eosTokenIds()).containsExactly(151645);
            assertThat(config.attentionBias()).isFalse();
            assertThat(config.torchDtype()).hasValue("bfloat16");
            assertThat(config.extras().get("use_sliding_window").booleanValue()).isFalse();
            assertThat(config.extras().get("sliding_window").isNull()).isTrue();
            assertThat(config.extras().has("hidden_size")).isFalse();
        }

        @Test
        void readsQwen25WithDefaultHeadDimAndNoAttentionBiasKey() {
            HfConfig config = sample("qwen2.5-0.5b-instruct.json");

            assertThat(config.modelType()).isEqualTo("qwen2");
            assertThat(config.headDim()).isEqualTo(896 / 14);
            assertThat(config.numKeyValueHeads()).isEqualTo(2);
            assertThat(config.attentionBias()).isFalse();
            assertThat(config.intermediateSize()).isEqualTo(4864);
            assertThat(config.extras().get("sliding_window").intValue()).isEqualTo(32768);
        }

        @Test
        void readsLlama32WithLlama3RopeScaling() {
            HfConfig config = sample("llama-3.2-1b.json");

            assertThat(config.ropeTheta()).isEqualTo(500_000);
            assertThat(config.rmsNormEps()).isEqualTo(1e-5);
            RopeScaling scaling = config.ropeScaling().orElseThrow();
            assertThat(scaling.type()).isEqualTo(RopeScaling.LLAMA3);
            assertThat(scaling.factor()).hasValue(32);
            assertThat(scaling.lowFreqFactor()).hasValue(1);
            assertThat(scaling.highFreqFactor()).hasValue(4);
            assertThat(scaling.originalMaxPositionEmbeddings()).hasValue(8192);
            assertThat(scaling.extras().isEmpty()).isTrue();
            assertThat(scaling).isEqualTo(RopeScaling.llama3(32, 1, 4, 8192));
            assertThat(config.eosTokenIds()).containsExactly(128001);
            assertThat(config.extras().get("mlp_bias").booleanValue()).isFalse();
        }

        @Test
        void readsEosTokenIdLists() {
            assertThat(sample("llama-3.2-1b-instruct.json").eosTokenIds()).containsExactly(128001, 128008, 128009);
        }

        @Test
        void readsLlama2WithTransformersDefaults() {
            HfConfig config = sample("llama-2-7b.json");

            assertThat(config.ropeTheta()).isEqualTo(HfConfig.DEFAULT_ROPE_THETA);
            assertThat(config.numKeyValueHeads()).isEqualTo(32);
            assertThat(config.headDim()).isEqualTo(128);
            assertThat(config.tieWordEmbeddings()).isFalse();
            assertThat(config.bosTokenId()).hasValue(1);
            assertThat(config.eosTokenIds()).containsExactly(2);
            assertThat(config.torchDtype()).hasValue("float16");
            assertThat(config.extras().get("_name_or_path").textValue()).isEqualTo("meta-llama/Llama-2-7b-hf");
        }

        @Test
        void readsTransformersV5RopeParametersAsTheV4Keys() {
            HfConfig v5 = sample("llama-3.2-1b-transformers-v5.json");
            HfConfig v4 = sample("llama-3.2-1b.json");

            assertThat(v5.ropeTheta()).isEqualTo(v4.ropeTheta());
            assertThat(v5.ropeScaling()).isEqualTo(v4.ropeScaling());
            assertThat(v5.torchDtype()).hasValue("bfloat16");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "qwen3-0.6b.json",
                    "qwen2.5-0.5b-instruct.json",
                    "llama-3.2-1b.json",
                    "llama-3.2-1b-instruct.json",
                    "llama-2-7b.json",
                    "llama-3.2-1b-transformers-v5.json"
                })
        void roundTripsThroughToJson(String name) {
            HfConfig config = sample(name);
            String json = config.toJson();

            assertThat(HfConfig.parse(json.getBytes(StandardCharsets.UTF_8), "written"))
                    .isEqualTo(config);
        }

        @Test
        void writesKeysSortedAndIndentedAsTransformersDoes() {
            String json = sample("llama-2-7b.json").toJson();

            assertThat(json)
                    .startsWith("{\n  \"_name_or_path\": \"meta-llama/Llama-2-7b-hf\",\n  \"architectures\": [\n"
                            + "    \"LlamaForCausalLM\"\n  ],\n  \"attention_bias\": false,\n")
                    .contains("\n  \"rope_scaling\": null,\n")
                    .endsWith("\n  \"vocab_size\": 32000\n}\n");
        }
    }

    @Nested
    class Defaults {
        private static final String MINIMAL = """
                {"model_type": "llama", "vocab_size": 10, "hidden_size": 12, "intermediate_size": 20,
                 "num_hidden_layers": 1, "num_attention_heads": 3, "max_position_embeddings": 64}""";

        @Test
        void fillsInWhatTransformersDefaults() {
            HfConfig config = HfConfig.parse(MINIMAL.getBytes(StandardCharsets.UTF_8), "minimal");

            assertThat(config.architectures()).isEmpty();
            assertThat(config.numKeyValueHeads()).isEqualTo(3);
            assertThat(config.headDim()).isEqualTo(4);
            assertThat(config.ropeTheta()).isEqualTo(10_000);
            assertThat(config.ropeScaling()).isEmpty();
            assertThat(config.rmsNormEps()).isEqualTo(1e-6);
            assertThat(config.tieWordEmbeddings()).isFalse();
            assertThat(config.attentionBias()).isFalse();
            assertThat(config.bosTokenId()).isEmpty();
            assertThat(config.eosTokenIds()).isEmpty();
            assertThat(config.torchDtype()).isEmpty();
            assertThat(config.extras().isEmpty()).isTrue();
        }

        @Test
        void treatsNullAsAbsent() {
            String json = MINIMAL.replace("}", ", \"head_dim\": null, \"bos_token_id\": null, \"eos_token_id\": null}");
            HfConfig config = HfConfig.parse(json.getBytes(StandardCharsets.UTF_8), "nulls");

            assertThat(config.headDim()).isEqualTo(4);
            assertThat(config.bosTokenId()).isEmpty();
            assertThat(config.eosTokenIds()).isEmpty();
        }

        @Test
        void treatsDefaultRopeTypeAsNoScaling() {
            String json = MINIMAL.replace("}", ", \"rope_scaling\": {\"rope_type\": \"default\"}}");
            assertThat(HfConfig.parse(json.getBytes(StandardCharsets.UTF_8), "d")
                            .ropeScaling())
                    .isEmpty();
        }

        @Test
        void acceptsTheOldTypeKeyAndKeepsUnmodelledScalingKeys() {
            String json = MINIMAL.replace(
                    "}", ", \"rope_scaling\": {\"type\": \"yarn\", \"factor\": 4.0, \"beta_fast\": 32}}");
            RopeScaling scaling = HfConfig.parse(json.getBytes(StandardCharsets.UTF_8), "yarn")
                    .ropeScaling()
                    .orElseThrow();

            assertThat(scaling.type()).isEqualTo("yarn");
            assertThat(scaling.factor()).isEqualTo(OptionalDouble.of(4));
            assertThat(scaling.lowFreqFactor()).isEmpty();
            assertThat(scaling.originalMaxPositionEmbeddings()).isEqualTo(OptionalInt.empty());
            assertThat(scaling.extras().get("beta_fast").intValue()).isEqualTo(32);
        }

        @Test
        void extrasAreCopiesThatCallersCanNotChange() {
            HfConfig config = sample("qwen3-0.6b.json");
            config.extras().put("use_cache", false);
            assertThat(config.extras().get("use_cache").booleanValue()).isTrue();
        }
    }

    @Nested
    class Validation {
        private static final String BASE = new String(resource("qwen3-0.6b.json"), StandardCharsets.UTF_8);

        private static ModelFormatException rejection(String json) {
            try {
                HfConfig.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
            } catch (ModelFormatException e) {
                return e;
            }
            throw new AssertionError("accepted: " + json);
        }

        private static void assertProblem(String json, String field, long offset, String problem) {
            ModelFormatException e = rejection(json);
            assertThat(e.source()).isEqualTo("config.json");
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.getMessage()).contains(problem);
        }

        private static String replace(String from, String to) {
            assertThat(BASE).contains(from);
            return BASE.replace(from, to);
        }

        @Test
        void rejectsMissingRequiredFieldAtTheEnclosingObject() {
            assertProblem(replace("\"hidden_size\": 1024,", ""), "hidden_size", 0, "missing");
            assertProblem(replace("\"model_type\": \"qwen3\",", ""), "model_type", 0, "missing");
            assertProblem(replace("\"max_position_embeddings\": 40960,", ""), "max_position_embeddings", 0, "missing");
        }

        @Test
        void rejectsMistypedFieldAtItsValue() {
            String json = replace("\"hidden_size\": 1024", "\"hidden_size\": \"1024\"");
            assertProblem(json, "hidden_size", json.indexOf("\"1024\""), "expected an integer, found a string");
        }

        @Test
        void rejectsFractionalAndNonPositiveSizes() {
            String fractional = replace("\"num_hidden_layers\": 28", "\"num_hidden_layers\": 28.5");
            assertProblem(fractional, "num_hidden_layers", fractional.indexOf("28.5"), "expected an integer");
            String zero = replace("\"vocab_size\": 151936", "\"vocab_size\": 0");
            assertProblem(zero, "vocab_size", zero.indexOf("0\n}"), "from 1 to");
            String huge = replace("\"vocab_size\": 151936", "\"vocab_size\": 4294967296");
            assertProblem(huge, "vocab_size", huge.indexOf("4294967296"), "from 1 to");
        }

        @Test
        void rejectsKeyValueHeadsThatDoNotDivideTheHeads() {
            String json = replace("\"num_key_value_heads\": 8", "\"num_key_value_heads\": 6");
            assertProblem(json, "num_key_value_heads", json.indexOf("6,\n  \"rms"), "not a multiple of 6");
        }

        @Test
        void rejectsMissingHeadDimThatCanNotBeDerived() {
            String json = replace("\"head_dim\": 128,", "")
                    .replace("\"num_attention_heads\": 16", "\"num_attention_heads\": 24");
            json = json.replace("\"num_key_value_heads\": 8", "\"num_key_value_heads\": 12");
            assertProblem(json, "head_dim", 0, "hidden_size 1024 is not a multiple of num_attention_heads 24");
        }

        @Test
        void rejectsNonPositiveRopeThetaAndEps() {
            String theta = replace("\"rope_theta\": 1000000", "\"rope_theta\": -1");
            assertProblem(theta, "rope_theta", theta.indexOf("-1"), "greater than 0");
            String eps = replace("\"rms_norm_eps\": 1e-06", "\"rms_norm_eps\": \"1e-6\"");
            assertProblem(eps, "rms_norm_eps", eps.indexOf("\"1e-6\""), "expected a number");
        }

        @Test
        void rejectsMistypedBooleans() {
            String json = replace("\"tie_word_embeddings\": true", "\"tie_word_embeddings\": 1");
            assertProblem(json, "tie_word_embeddings", json.indexOf("1,\n  \"torch"), "expected true or false");
        }

        @Test
        void rejectsBadTokenIds() {
            String negative = replace("\"bos_token_id\": 151643", "\"bos_token_id\": -1");
            assertProblem(negative, "bos_token_id", negative.indexOf("-1"), "from 0 to");
            String list = replace("\"eos_token_id\": 151645", "\"eos_token_id\": [151645, \"x\"]");
            assertProblem(list, "eos_token_id[1]", list.indexOf("\"x\""), "expected an integer");
        }

        @Test
        void rejectsArchitecturesThatAreNotStrings() {
            String json = replace("\"Qwen3ForCausalLM\"", "3");
            assertProblem(json, "architectures[0]", json.indexOf("3\n"), "expected a string");
        }

        @Test
        void rejectsIncompleteLlama3Scaling() {
            String json = replace(
                    "\"rope_scaling\": null",
                    "\"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0}");
            assertProblem(json, "rope_scaling.high_freq_factor", json.indexOf("{\"rope_type"), "missing");
        }

        @Test
        void rejectsLlama3ScalingWithFrequencyFactorsOutOfOrder() {
            String json = replace(
                    "\"rope_scaling\": null",
                    "\"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 4.0,"
                            + " \"high_freq_factor\": 1.0, \"original_max_position_embeddings\": 8192}");
            assertProblem(json, "rope_scaling.high_freq_factor", json.indexOf("1.0,"), "greater than low_freq_factor");
        }

        @Test
        void rejectsScalingWithoutTypeOrFactor() {
            String untyped = replace("\"rope_scaling\": null", "\"rope_scaling\": {\"factor\": 2.0}");
            assertProblem(untyped, "rope_scaling.rope_type", untyped.indexOf("{\"factor"), "missing");
            String linear = replace("\"rope_scaling\": null", "\"rope_scaling\": {\"type\": \"linear\"}");
            assertProblem(linear, "rope_scaling.factor", linear.indexOf("{\"type"), "required for linear");
            String list = replace("\"rope_scaling\": null", "\"rope_scaling\": [2.0]");
            assertProblem(list, "rope_scaling", list.indexOf("[2.0]"), "expected an object");
        }

        @Test
        void rejectsJsonSyntaxErrorsAtJacksonsLocation() {
            String json = replace("\"head_dim\": 128,", "\"head_dim\": 128,,");
            assertProblem(json, "document", json.indexOf(",,") + 1, "not valid JSON");
        }

        @Test
        void rejectsDuplicateKeys() {
            String json = replace("\"head_dim\": 128,", "\"head_dim\": 128, \"head_dim\": 64,");
            assertThat(rejection(json).getMessage()).contains("Duplicate field 'head_dim'");
        }

        @Test
        void rejectsAConfigThatIsNotAnObject() {
            assertProblem("[1]", "document", 0, "expected an object");
        }

        @Test
        void reportsByteOffsetsPastMultiByteCharacters() {
            String json = "{\"_name_or_path\": \"Привет\", \"hidden_size\": true}";
            long offset = json.substring(0, json.indexOf("true")).getBytes(StandardCharsets.UTF_8).length;
            assertThat(rejection(json).offset()).isEqualTo(offset);
        }
    }

    @Test
    void readNamesTheFileInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"model_type\": \"llama\"}");

        assertThatThrownBy(() -> HfConfig.read(file)).isInstanceOfSatisfying(ModelFormatException.class, e -> {
            assertThat(e.source()).isEqualTo(file.toString());
            assertThat(e.field()).isEqualTo("hidden_size");
        });
    }

    @Test
    void recordRejectsInconsistentValues() {
        HfConfig valid = sample("qwen3-0.6b.json");
        assertThatThrownBy(() -> new HfConfig(
                        valid.architectures(),
                        valid.modelType(),
                        valid.vocabSize(),
                        valid.hiddenSize(),
                        valid.intermediateSize(),
                        valid.numHiddenLayers(),
                        16,
                        5,
                        valid.headDim(),
                        valid.ropeTheta(),
                        valid.ropeScaling(),
                        valid.rmsNormEps(),
                        valid.tieWordEmbeddings(),
                        valid.maxPositionEmbeddings(),
                        valid.bosTokenId(),
                        List.of(),
                        valid.attentionBias(),
                        valid.torchDtype(),
                        valid.extras()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a multiple of 5");
    }
}
