package io.github.relayllm.bench.eval.dataset;

import java.util.Objects;
import java.util.Optional;

/**
 * Which fields of a JSONL line make an item: the question, the gold answer and, if the file has
 * one, the id (a string or an integer). Lines without the id field are named by their line number.
 *
 * @param questionField a string field, used verbatim as the question
 * @param answer where the gold answer is
 * @param idField the id field, or empty to name every item by its line number
 */
public record DatasetLayout(String questionField, AnswerSource answer, Optional<String> idField) {
    public DatasetLayout {
        Objects.requireNonNull(questionField, "questionField");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(idField, "idField");
    }

    /** A layout with a plain answer field, e.g. {@code of("question", "answer", "id")}. */
    public static DatasetLayout of(String questionField, String answerField, String idField) {
        return new DatasetLayout(questionField, new AnswerSource.Plain(answerField), Optional.of(idField));
    }
}
