package io.github.relayllm.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WeightNameTest {
    @Test
    void translatesBetweenGgufAndHuggingFaceNames() {
        WeightName q = WeightName.of(WeightKind.ATTENTION_Q, 3);
        assertThat(q.gguf()).isEqualTo("blk.3.attn_q.weight");
        assertThat(q.hf()).contains("model.layers.3.self_attn.q_proj.weight");
        assertThat(WeightName.fromGguf("blk.3.attn_q.weight")).contains(q);
        assertThat(WeightName.fromHf("model.layers.3.self_attn.q_proj.weight")).contains(q);

        WeightName embedding = WeightName.global(WeightKind.TOKEN_EMBEDDING);
        assertThat(embedding.gguf()).isEqualTo("token_embd.weight");
        assertThat(embedding.hf()).contains("model.embed_tokens.weight");
        assertThat(WeightName.global(WeightKind.ROPE_FREQUENCIES).hf()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(WeightKind.class)
    void everyKindRoundTripsThroughBothSchemes(WeightKind kind) {
        WeightName name = kind.isPerLayer() ? WeightName.of(kind, 17) : WeightName.global(kind);
        assertThat(WeightName.fromGguf(name.gguf())).contains(name);
        name.hf().ifPresent(hf -> assertThat(WeightName.fromHf(hf)).contains(name));
    }

    @Test
    void ignoresNamesRelayDoesNotUse() {
        assertThat(WeightName.fromGguf("blk.x.attn_q.weight")).isEmpty();
        assertThat(WeightName.fromGguf("blk.01.attn_q.weight")).isEmpty();
        assertThat(WeightName.fromGguf("blk.-1.attn_q.weight")).isEmpty();
        assertThat(WeightName.fromGguf("blk.3")).isEmpty();
        assertThat(WeightName.fromGguf("token_embd.weight.extra")).isEmpty();
        assertThat(WeightName.fromGguf("blk.0.token_embd.weight")).isEmpty();
        assertThat(WeightName.fromGguf("attn_q.weight")).isEmpty();
        assertThat(WeightName.fromHf("model.layers.2.mlp.experts.0.up_proj.weight"))
                .isEmpty();
    }

    @Test
    void layerIndexMustMatchTheKind() {
        assertThatThrownBy(() -> WeightName.of(WeightKind.ATTENTION_Q, -1)).hasMessageContaining("needs a layer");
        assertThatThrownBy(() -> new WeightName(WeightKind.OUTPUT, 0)).hasMessageContaining("takes no");
    }
}
