package io.github.relayllm.bench.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic JSONL loader on small files written here, good and bad. */
class GenericDatasetTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("set.jsonl"), text);
    }

    private Dataset load(String text, DatasetLayout layout) throws IOException {
        return Dataset.load("mine", write(text), layout);
    }

    @Test
    void readsCustomFieldNames() throws IOException {
        Dataset dataset = load("""
                {"prompt": "What is 2+2?", "target": "4", "key": "q-1", "extra": [1, 2]}

                {"prompt": "Half of 3?", "target": 1.5, "key": 7}
                """, DatasetLayout.of("prompt", "target", "key"));

        assertThat(dataset.key()).isEqualTo("mine");
        assertThat(dataset.defaultRepeats()).isEqualTo(1);
        assertThat(dataset.items())
                .extracting(DatasetItem::id, DatasetItem::question, DatasetItem::goldAnswer, DatasetItem::lineNumber)
                .containsExactly(tuple("q-1", "What is 2+2?", "4", 1), tuple("7", "Half of 3?", "1.5", 3));
        assertThat(dataset.items().getFirst().rawLine()).contains("\"extra\": [1, 2]");
    }

    @Test
    void namesItemsByLineNumberWithoutAnIdField() throws IOException {
        DatasetLayout noIds = new DatasetLayout("q", new AnswerSource.Plain("a"), Optional.empty());
        Dataset dataset = load("{\"q\": \"x\", \"a\": 1}\n\n{\"q\": \"y\", \"a\": 12345678901234567890}\n", noIds);

        assertThat(dataset.items()).extracting(DatasetItem::id).containsExactly("1", "3");
        assertThat(dataset.items().get(1).goldAnswer()).isEqualTo("12345678901234567890");
    }

    @Test
    void fallsBackToTheLineNumberWhereTheIdIsMissing() throws IOException {
        Dataset dataset = load(
                "{\"q\": \"x\", \"a\": \"1\", \"id\": \"first\"}\n{\"q\": \"y\", \"a\": \"2\"}\n",
                DatasetLayout.of("q", "a", "id"));

        assertThat(dataset.items()).extracting(DatasetItem::id).containsExactly("first", "2");
    }

    @Test
    void readsTheOtherAnswerSources() throws IOException {
        Dataset hashes = load(
                "{\"q\": \"x\", \"sol\": \"3 + 4 = 7\\n#### 1,234,567\"}",
                new DatasetLayout("q", new AnswerSource.AfterHashes("sol"), Optional.empty()));
        Dataset boxed = load(
                "{\"q\": \"x\", \"sol\": \"\\\\boxed{1} so \\\\boxed{\\\\frac{1}{2}}.\"}",
                new DatasetLayout("q", new AnswerSource.LastBoxed("sol"), Optional.empty()));
        Dataset list = load(
                "{\"q\": \"x\", \"fa\": [\"$x^2$\", \"y\"]}",
                new DatasetLayout("q", new AnswerSource.FirstOfList("fa"), Optional.empty()));

        assertThat(hashes.items().getFirst().goldAnswer()).isEqualTo("1234567");
        assertThat(boxed.items().getFirst().goldAnswer()).isEqualTo("\\frac{1}{2}");
        assertThat(list.items().getFirst().goldAnswer()).isEqualTo("x^2");
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path file = write("{\"q\": \"x\", \"a\": \"1\"}\n{\"q\": \"y\", \"a\": \n");

        assertThatThrownBy(() -> Dataset.load("mine", file, DatasetLayout.of("q", "a", "id")))
                .isInstanceOfSatisfying(DatasetFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.field()).isEmpty();
                })
                .hasMessageStartingWith(file + ":2: malformed JSON");
    }

    @Test
    void trailingTextAfterTheObjectIsMalformed() throws IOException {
        assertFormatError(
                "{\"q\": \"x\", \"a\": \"1\"} {}", DatasetLayout.of("q", "a", "id"), 1, null, "malformed JSON");
    }

    @Test
    void aLineThatIsNotAnObjectIsRejected() throws IOException {
        assertFormatError("[1, 2]", DatasetLayout.of("q", "a", "id"), 1, null, "expected a JSON object, got ARRAY");
    }

    @Test
    void missingFieldNamesTheField() throws IOException {
        assertFormatError(
                "{\"q\": \"x\", \"a\": \"1\"}\n{\"q\": \"y\"}\n", DatasetLayout.of("q", "a", "id"), 2, "a", "missing");
        assertFormatError("{\"q\": \"x\", \"a\": null}\n", DatasetLayout.of("q", "a", "id"), 1, "a", "missing");
    }

    @Test
    void wrongTypesNameTheField() throws IOException {
        DatasetLayout layout = DatasetLayout.of("q", "a", "id");
        assertFormatError("{\"q\": 3, \"a\": \"1\"}", layout, 1, "q", "expected a string, got NUMBER");
        assertFormatError("{\"q\": \"x\", \"a\": [\"1\"]}", layout, 1, "a", "expected a string or a number, got ARRAY");
        assertFormatError(
                "{\"q\": \"x\", \"a\": \"1\", \"id\": 1.5}",
                layout,
                1,
                "id",
                "expected a string or an integer, got NUMBER");
        assertFormatError(
                "{\"q\": \"x\", \"fa\": \"1\"}",
                new DatasetLayout("q", new AnswerSource.FirstOfList("fa"), Optional.empty()),
                1,
                "fa",
                "expected a list, got STRING");
        assertFormatError(
                "{\"q\": \"x\", \"fa\": [{}]}",
                new DatasetLayout("q", new AnswerSource.FirstOfList("fa"), Optional.empty()),
                1,
                "fa[0]",
                "expected a string or a number, got OBJECT");
    }

    @Test
    void emptyTextIsRejected() throws IOException {
        DatasetLayout layout = DatasetLayout.of("q", "a", "id");
        assertFormatError("{\"q\": \"  \", \"a\": \"1\"}", layout, 1, "q", "empty");
        assertFormatError("{\"q\": \"x\", \"a\": \"\"}", layout, 1, "a", "empty answer");
        assertFormatError(
                "{\"q\": \"x\", \"fa\": []}",
                new DatasetLayout("q", new AnswerSource.FirstOfList("fa"), Optional.empty()),
                1,
                "fa",
                "empty list");
    }

    @Test
    void unfoundAnswersAreRejected() throws IOException {
        assertFormatError(
                "{\"q\": \"x\", \"sol\": \"no marker\"}",
                new DatasetLayout("q", new AnswerSource.AfterHashes("sol"), Optional.empty()),
                1,
                "sol",
                "no '#### ' final answer");
        assertFormatError(
                "{\"q\": \"x\", \"sol\": \"\\\\boxed{open\"}",
                new DatasetLayout("q", new AnswerSource.LastBoxed("sol"), Optional.empty()),
                1,
                "sol",
                "no closed \\boxed{...} answer");
    }

    @Test
    void duplicateIdsAreRejectedWithTheFirstLine() throws IOException {
        assertFormatError(
                "{\"q\": \"x\", \"a\": \"1\", \"id\": 5}\n{\"q\": \"y\", \"a\": \"2\", \"id\": \"5\"}\n",
                DatasetLayout.of("q", "a", "id"),
                2,
                "id",
                "duplicate id '5' (first on line 1)");
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThatThrownBy(() -> Dataset.load(Benchmark.AIME24, dir.resolve("nowhere")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("aime24.test.jsonl");
    }

    private void assertFormatError(String text, DatasetLayout layout, int line, String field, String problem)
            throws IOException {
        Path file = write(text);
        String where = field == null ? file + ":" + line + ": " : file + ":" + line + ": " + field + ": ";
        assertThatThrownBy(() -> Dataset.load("mine", file, layout))
                .isInstanceOfSatisfying(DatasetFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.field()).isEqualTo(Optional.ofNullable(field));
                })
                .hasMessageStartingWith(where + problem);
    }
}
