package io.github.relayllm.bench.eval.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A loaded dataset: its items in file order, with the name and default repeat count the harness
 * reports and samples by. Immutable; the whole file is held in memory (the largest paper set,
 * OlympiadBench, is 1.5 MB).
 *
 * @param key the benchmark key, or the caller's name for a generic set; part of every sample's seed
 * @param file where it was read from
 * @param defaultRepeats samples per item unless the caller says otherwise, at least 1
 * @param items the items, ids unique
 */
public record Dataset(String key, Path file, int defaultRepeats, List<DatasetItem> items) {
    public Dataset {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(file, "file");
        if (defaultRepeats < 1) {
            throw new IllegalArgumentException("defaultRepeats must be >= 1: " + defaultRepeats);
        }
        items = List.copyOf(items);
    }

    /**
     * Loads {@code benchmark} from its file in {@code datasetsDir} (e.g. {@code ../shared/datasets}).
     *
     * @throws DatasetFormatException naming the file, line and field of the first bad line
     * @throws IOException if the file cannot be read
     */
    public static Dataset load(Benchmark benchmark, Path datasetsDir) throws IOException {
        Path file = datasetsDir.resolve(benchmark.fileName());
        return new Dataset(
                benchmark.key(), file, benchmark.defaultRepeats(), JsonlReader.read(file, benchmark.layout()));
    }

    /**
     * Loads any JSONL set by {@code layout}, with one sample per item by default.
     *
     * @throws DatasetFormatException naming the file, line and field of the first bad line
     * @throws IOException if the file cannot be read
     */
    public static Dataset load(String key, Path file, DatasetLayout layout) throws IOException {
        return new Dataset(key, file, 1, JsonlReader.read(file, layout));
    }

    /** Every answer to draw, {@link #defaultRepeats} per item. */
    public List<EvalSample> samples(long baseSeed) {
        return samples(defaultRepeats, baseSeed);
    }

    /**
     * Every answer to draw: for each item in order, repeats 0 to {@code repeats - 1}, each seeded by
     * {@link SampleSeed#seed}{@code (key, item id, repeat, baseSeed)}.
     */
    public List<EvalSample> samples(int repeats, long baseSeed) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1: " + repeats);
        }
        List<EvalSample> samples = new ArrayList<>(items.size() * repeats);
        for (DatasetItem item : items) {
            for (int r = 0; r < repeats; r++) {
                samples.add(new EvalSample(item, r, SampleSeed.seed(key, item.id(), r, baseSeed)));
            }
        }
        return List.copyOf(samples);
    }
}
