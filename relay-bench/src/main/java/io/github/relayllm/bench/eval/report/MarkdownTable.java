package io.github.relayllm.bench.eval.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured markdown table: a header starting with {@code >} marks a right-aligned (numeric)
 * column. Cells are not padded: the table is for rendering, and padding would churn diffs of reports.
 */
final class MarkdownTable {
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(List<String> headers) {
        for (String header : headers) {
            rightAligned.add(header.startsWith(">"));
            this.headers.add(header.startsWith(">") ? header.substring(1) : header);
        }
    }

    MarkdownTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("%d cells for %d columns".formatted(cells.size(), headers.size()));
        }
        rows.add(cells.stream().map(c -> c.replace("|", "\\|")).toList());
        return this;
    }

    void appendTo(StringBuilder out) {
        out.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (boolean right : rightAligned) {
            out.append(right ? " ---: |" : " --- |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
    }
}
