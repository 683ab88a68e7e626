package io.github.relayllm.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One tokenizer shared by threads (its word cache included) encodes as it does on one thread. */
class ConcurrentEncodingTest {
    @Test
    void threadsSharingATokenizerGetTheSameIds() throws Exception {
        List<String> merges = List.of("a b", "ab c", "Ġ a", "Ġa b", "b c", "c a");
        List<String> extra = List.of("ab", "abc", "Ġa", "Ġab", "bc", "ca");
        Tokenizer shared = Tokenizer.of(TinyVocabularies.byteLevel("qwen2", extra, merges));
        List<String> texts = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 400; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                text.append("abc 1é".charAt(random.nextInt(6)));
            }
            texts.add(text.toString());
        }
        List<int[]> expected = new ArrayList<>();
        Tokenizer alone = Tokenizer.of(TinyVocabularies.byteLevel("qwen2", extra, merges));
        for (String text : texts) {
            expected.add(alone.encode(text, Tokenizer.Specials.AS_TEXT));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<List<int[]>>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                results.add(pool.submit(() -> {
                    List<int[]> ids = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        for (String text : texts) {
                            ids.add(shared.encode(text, Tokenizer.Specials.AS_TEXT));
                        }
                    }
                    return ids;
                }));
            }
            for (Future<List<int[]>> result : results) {
                List<int[]> ids = result.get();
                for (int i = 0; i < ids.size(); i++) {
                    assertThat(ids.get(i)).isEqualTo(expected.get(i % texts.size()));
                }
            }
        }
    }
}
