package io.github.relayllm.core.runtime;

import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One of llama.cpp's oracle runs in {@code ../shared/oracle/logits}: the tokens it fed (prompt, then
 * its greedy continuation) with the argmax of every row, the greedy ids, and the raw logits files.
 * Summaries are read as ISO-8859-1 because token pieces in them need not be valid UTF-8.
 *
 * @param fedTokens the {@code tok} column: the token fed at each position, prompt and greedy rows alike
 * @param argmax llama.cpp's argmax of each row (row r predicts token r + 1)
 * @param promptLength the number of prompt tokens
 * @param greedy the greedy continuation
 */
record OracleRun(String name, int[] fedTokens, int[] argmax, int promptLength, int[] greedy) {

    static OracleRun load(String name) throws IOException {
        Path summary = SharedOracle.require("oracle/logits/" + name + ".summary.txt");
        List<int[]> rows = new ArrayList<>();
        int promptLength = -1;
        int[] greedy = new int[0];
        for (String line : Files.readAllLines(summary, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("# tokens (")) {
                promptLength = Integer.parseInt(line.substring("# tokens (".length(), line.indexOf(')')));
            } else if (line.startsWith("# greedy: ")) {
                greedy = ints(line.substring("# greedy: ".length()));
            } else if (line.startsWith("pos ")) {
                String[] fields = line.split(" ");
                rows.add(new int[] {Integer.parseInt(fields[3]), Integer.parseInt(fields[5])});
            }
        }
        return new OracleRun(
                name,
                rows.stream().mapToInt(r -> r[0]).toArray(),
                rows.stream().mapToInt(r -> r[1]).toArray(),
                promptLength,
                greedy);
    }

    int[] promptTokens() {
        return Arrays.copyOf(fedTokens, promptLength);
    }

    /** Row {@code row} of {@code <name>.all.f32} ({@code rows x vocab} little-endian floats). */
    float[] allRowsLogits(int row, int vocab) throws IOException {
        return floats(SharedOracle.require("oracle/logits/" + name + ".all.f32"), (long) row * vocab, vocab);
    }

    /** The full logits of the last prompt row ({@code <name>.last-prompt-row.f32}). */
    float[] lastPromptRowLogits(int vocab) throws IOException {
        return floats(SharedOracle.require("oracle/logits/" + name + ".last-prompt-row.f32"), 0, vocab);
    }

    private static float[] floats(Path file, long firstFloat, int count) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = buffer.getFloat((int) ((firstFloat + i) * Float.BYTES));
        }
        return values;
    }

    private static int[] ints(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.trim().split(" +"))
                .mapToInt(Integer::parseInt)
                .toArray();
    }
}
