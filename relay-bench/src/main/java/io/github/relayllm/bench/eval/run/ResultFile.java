package io.github.relayllm.bench.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result file of one dataset and policy, {@code <dataset>.<policy>.jsonl}, opened for resuming:
 * the lines already there are read (which samples are done, and their grades), and new lines are
 * appended and flushed one by one, so that an interrupted run loses at most the line being written.
 * Such a truncated last line (no newline) is cut off on opening, and its sample is run again.
 *
 * <p>Thread-safe: {@link #append} may be called from several threads. Opening reads the whole file.
 */
public final class ResultFile implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sample of a dataset: its item's id and which repeat. */
    public record Key(String id, int repeat) {
        public Key {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The grades of a line already in the file.
     *
     * @param judgeCorrect the judge's verdict, null when none was given (or the line predates judging)
     */
    public record Grades(boolean correct, boolean correctReference, Boolean judgeCorrect) {
        /** Grades without a judge's verdict. */
        public Grades(boolean correct, boolean correctReference) {
            this(correct, correctReference, null);
        }

        /** Correct by the grader, or else by the judge. */
        public boolean correctOrJudged() {
            return correct || Boolean.TRUE.equals(judgeCorrect);
        }
    }

    private final Path file;
    private final String dataset;
    private final String policy;
    private final Map<Key, Grades> existing;
    private final long truncatedBytes;
    private final BufferedWriter writer;

    private ResultFile(Path file, String dataset, String policy, Map<Key, Grades> existing, long truncatedBytes)
            throws IOException {
        this.file = file;
        this.dataset = dataset;
        this.policy = policy;
        this.existing = Collections.unmodifiableMap(existing);
        this.truncatedBytes = truncatedBytes;
        this.writer = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Opens {@code dir/<dataset>.<policy>.jsonl}, creating the folder and the file as needed.
     *
     * @throws ResultFileException naming the file and line of a complete line that is not a result of
     *     this dataset and policy
     */
    public static ResultFile open(Path dir, String dataset, String policy) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(dataset + "." + policy + ".jsonl");
        long truncated = 0;
        Map<Key, Grades> existing = new LinkedHashMap<>();
        if (Files.exists(file)) {
            truncated = cutTruncatedLine(file);
            readLines(file, dataset, policy, existing);
        }
        return new ResultFile(file, dataset, policy, existing, truncated);
    }

    public Path file() {
        return file;
    }

    /** The samples already in the file when it was opened, in file order, with their grades. */
    public Map<Key, Grades> existing() {
        return existing;
    }

    /** How many bytes of an interrupted last line were cut off on opening; 0 when there was none. */
    public long truncatedBytes() {
        return truncatedBytes;
    }

    /**
     * Appends {@code record} as one line and flushes it.
     *
     * @throws IllegalArgumentException if the record is of another dataset or policy
     */
    public synchronized void append(EvalRecord record) throws IOException {
        if (!record.dataset().equals(dataset) || !record.policy().equals(policy)) {
            throw new IllegalArgumentException(
                    "a %s/%s record cannot go into %s".formatted(record.dataset(), record.policy(), file));
        }
        writer.write(record.toJsonLine());
        writer.write('\n');
        writer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }

    /** Cuts the file after its last newline; returns how many bytes went. */
    private static long cutTruncatedLine(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            // Lines are short next to memory; reading backwards in blocks would save nothing that matters.
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end < size) {
                channel.truncate(end);
            }
            return size - end;
        }
    }

    private static void readLines(Path file, String dataset, String policy, Map<Key, Grades> into) throws IOException {
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode row;
            try {
                row = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new ResultFileException(file, number, "not JSON: " + e.getOriginalMessage());
            }
            if (!row.isObject()) {
                throw new ResultFileException(file, number, "expected a JSON object");
            }
            String lineDataset = text(row, "dataset", file, number);
            String linePolicy = text(row, "policy", file, number);
            if (!lineDataset.equals(dataset) || !linePolicy.equals(policy)) {
                throw new ResultFileException(
                        file,
                        number,
                        "a result of dataset '%s' policy '%s' in the file of dataset '%s' policy '%s'"
                                .formatted(lineDataset, linePolicy, dataset, policy));
            }
            JsonNode repeat = row.get("repeat");
            if (repeat == null || !repeat.canConvertToInt() || repeat.asInt() < 0) {
                throw new ResultFileException(file, number, "repeat: expected an integer >= 0");
            }
            into.put(
                    new Key(text(row, "id", file, number), repeat.asInt()),
                    new Grades(
                            flag(row, "correct", file, number),
                            flag(row, "correct_reference", file, number),
                            optionalFlag(row, "judge_correct", file, number)));
        }
    }

    private static String text(JsonNode row, String field, Path file, int number) throws ResultFileException {
        JsonNode value = row.get(field);
        if (value == null || !value.isTextual()) {
            throw new ResultFileException(file, number, field + ": expected a string");
        }
        return value.asText();
    }

    /** A boolean or null; an absent field is null too, as lines may predate the judge. */
    private static Boolean optionalFlag(JsonNode row, String field, Path file, int number) throws ResultFileException {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new ResultFileException(file, number, field + ": expected true, false or null");
        }
        return value.asBoolean();
    }

    private static boolean flag(JsonNode row, String field, Path file, int number) throws ResultFileException {
        JsonNode value = row.get(field);
        if (value == null || !value.isBoolean()) {
            throw new ResultFileException(file, number, field + ": expected true or false");
        }
        return value.asBoolean();
    }
}
