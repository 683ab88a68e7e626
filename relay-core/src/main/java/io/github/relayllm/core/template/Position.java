package io.github.relayllm.core.template;

/**
 * A place in the template source: 1-based line and column ({@code column} 0 when only the line is
 * known). Every token and syntax node carries one, so errors can point at the template text.
 */
record Position(int line, int column) {
    @Override
    public String toString() {
        return column == 0 ? "line " + line : "line " + line + ", column " + column;
    }
}
