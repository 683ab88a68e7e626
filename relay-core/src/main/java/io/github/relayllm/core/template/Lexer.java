package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits template source into tokens exactly as jinja2's lexer does with Hugging Face's settings
 * ({@code trim_blocks=True, lstrip_blocks=True}, {@code keep_trailing_newline=False}).
 *
 * <p>Whitespace control, applied here so that the parser never sees it:
 *
 * <ul>
 *   <li>{@code {%-}, {@code {{-}, {@code {#-} strip all whitespace before the tag; {@code -%}},
 *       {@code -}}}, {@code -#}} strip all whitespace after it.
 *   <li>trim_blocks: a block or comment tag's {@code %}}/{@code #}} swallows one newline right after
 *       it ({@code +%}} keeps it). Variable tags never trim.
 *   <li>lstrip_blocks: spaces and tabs from the start of a line up to a block or comment tag are
 *       dropped when nothing else is on the line before the tag ({@code {%+} keeps them).
 * </ul>
 *
 * <p>Newlines ({@code \r\n}, {@code \r}) become {@code \n} and one trailing newline of the template
 * is dropped, as jinja2 does. Cost: one pass over the source, at compile time only.
 */
final class Lexer {
    private static final String[] TWO_CHAR_OPERATORS = {"//", "**", "==", "!=", ">=", "<="};
    private static final String ONE_CHAR_OPERATORS = "+-/*%~[](){}><=.:|,;";

    private final String source;
    private final LineMap lines;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String source) {
        this.source = source;
        this.lines = new LineMap(source);
    }

    /** The tokens of {@code template}, ending with {@link Kind#END_OF_INPUT}. */
    static List<Token> tokenize(String template) {
        Lexer lexer = new Lexer(normalizeNewlines(template));
        lexer.lexTemplate();
        return List.copyOf(lexer.tokens);
    }

    static String normalizeNewlines(String template) {
        String text = template.indexOf('\r') < 0
                ? template
                : template.replace("\r\n", "\n").replace('\r', '\n');
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private enum TagKind {
        COMMENT,
        BLOCK,
        VARIABLE,
        RAW
    }

    /** A tag opener found in template text: where it starts, its kind, and its whitespace sign. */
    private record TagStart(int offset, TagKind kind, char sign, int contentStart) {}

    private void lexTemplate() {
        while (pos < source.length()) {
            TagStart tag = findNextTag(pos);
            if (tag == null) {
                emitText(source.substring(pos), pos);
                pos = source.length();
                break;
            }
            emitText(controlWhitespaceBefore(source.substring(pos, tag.offset()), tag), pos);
            pos = tag.contentStart();
            switch (tag.kind()) {
                case COMMENT -> skipComment(tag);
                case RAW -> lexRaw(tag);
                case BLOCK -> lexTag(tag, Kind.BLOCK_BEGIN);
                case VARIABLE -> lexTag(tag, Kind.VARIABLE_BEGIN);
            }
        }
        tokens.add(new Token(Kind.END_OF_INPUT, "", lines.at(source.length())));
    }

    private TagStart findNextTag(int from) {
        for (int i = source.indexOf('{', from); i >= 0 && i + 1 < source.length(); i = source.indexOf('{', i + 1)) {
            char second = source.charAt(i + 1);
            TagKind kind = switch (second) {
                case '#' -> TagKind.COMMENT;
                case '%' -> TagKind.BLOCK;
                case '{' -> TagKind.VARIABLE;
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            if (kind == TagKind.BLOCK) {
                int rawEnd = matchRawBegin(i);
                if (rawEnd >= 0) {
                    return new TagStart(i, TagKind.RAW, signAt(i + 2), rawEnd);
                }
            }
            char sign = signAt(i + 2);
            return new TagStart(i, kind, sign, i + 2 + (sign == 0 ? 0 : 1));
        }
        return null;
    }

    private char signAt(int index) {
        if (index < source.length() && (source.charAt(index) == '-' || source.charAt(index) == '+')) {
            return source.charAt(index);
        }
        return 0;
    }

    /** Where the text after {@code {% raw %}} starting at {@code open} begins, or -1 if it is no raw tag. */
    private int matchRawBegin(int open) {
        int i = open + 2;
        if (signAt(i) != 0) {
            i++;
        }
        i = skipSpace(i);
        if (!source.startsWith("raw", i)) {
            return -1;
        }
        i = skipSpace(i + 3);
        if (source.startsWith("-%}", i)) {
            return skipSpace(i + 3);
        }
        return source.startsWith("%}", i) ? i + 2 : -1;
    }

    /** jinja2's {@code OptionalLStrip}: the text before a tag, after the tag's left whitespace control. */
    private String controlWhitespaceBefore(String text, TagStart tag) {
        if (tag.sign() == '-') {
            return PythonStrings.rstrip(text);
        }
        if (tag.sign() == '+' || tag.kind() == TagKind.VARIABLE) {
            return text;
        }
        return lstripBlock(text, pos);
    }

    /** lstrip_blocks: drops the whitespace between the last line start in {@code text} and the tag. */
    private String lstripBlock(String text, int textStart) {
        int lineStart = text.lastIndexOf('\n') + 1;
        boolean atLineStart = lineStart > 0 || textStart == 0 || source.charAt(textStart - 1) == '\n';
        if (atLineStart && lineStart < text.length() && isAllSpace(text, lineStart)) {
            return text.substring(0, lineStart);
        }
        return text;
    }

    private static boolean isAllSpace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!PythonStrings.isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void skipComment(TagStart tag) {
        int close = source.indexOf("#}", pos);
        if (close < 0) {
            throw syntaxError(tag.offset(), "missing '#}' to close this comment");
        }
        char sign = close > pos ? signAt(close - 1) : 0;
        pos = close + 2;
        skipWhitespaceAfter(sign);
    }

    /** Right-hand whitespace control after a block or comment end: {@code -} strips, trim_blocks eats a newline. */
    private void skipWhitespaceAfter(char sign) {
        if (sign == '-') {
            pos = skipSpace(pos);
        } else if (sign != '+' && pos < source.length() && source.charAt(pos) == '\n') {
            pos++;
        }
    }

    private void lexRaw(TagStart tag) {
        for (int i = source.indexOf("{%", pos); i >= 0; i = source.indexOf("{%", i + 1)) {
            char sign = signAt(i + 2);
            int j = skipSpace(i + 2 + (sign == 0 ? 0 : 1));
            if (!source.startsWith("endraw", j)) {
                continue;
            }
            j = skipSpace(j + 6);
            char endSign = signAt(j);
            int endStart = endSign == 0 ? j : j + 1;
            if (!source.startsWith("%}", endStart)) {
                continue;
            }
            String text = source.substring(pos, i);
            String content = switch (sign) {
                case '-' -> PythonStrings.rstrip(text);
                case '+' -> text;
                default -> lstripBlock(text, pos);
            };
            emitText(content, pos);
            pos = endStart + 2;
            skipWhitespaceAfter(endSign);
            return;
        }
        throw syntaxError(tag.offset(), "missing '{% endraw %}' to close this raw block");
    }

    private void lexTag(TagStart tag, Kind begin) {
        tokens.add(new Token(begin, begin == Kind.BLOCK_BEGIN ? "{%" : "{{", lines.at(tag.offset())));
        Deque<Character> openBrackets = new ArrayDeque<>();
        while (true) {
            if (pos >= source.length()) {
                String close = begin == Kind.BLOCK_BEGIN ? "%}" : "}}";
                throw syntaxError(tag.offset(), "missing '" + close + "' to close this tag");
            }
            if (openBrackets.isEmpty() && lexTagEnd(begin)) {
                return;
            }
            char c = source.charAt(pos);
            if (PythonStrings.isSpace(c)) {
                pos++;
            } else if (c >= '0' && c <= '9') {
                lexNumber();
            } else if (c == '_' || Character.isLetter(c)) {
                lexName();
            } else if (c == '\'' || c == '"') {
                lexString(c);
            } else {
                lexOperator(openBrackets);
            }
        }
    }

    private boolean lexTagEnd(Kind begin) {
        int start = pos;
        if (begin == Kind.BLOCK_BEGIN) {
            char sign = signAt(pos);
            int close = sign == 0 ? pos : pos + 1;
            if (!source.startsWith("%}", close)) {
                return false;
            }
            pos = close + 2;
            skipWhitespaceAfter(sign);
            tokens.add(new Token(Kind.BLOCK_END, "%}", lines.at(start)));
            return true;
        }
        boolean strip = source.startsWith("-}}", pos);
        if (!strip && !source.startsWith("}}", pos)) {
            return false;
        }
        pos += strip ? 3 : 2;
        if (strip) {
            pos = skipSpace(pos);
        }
        tokens.add(new Token(Kind.VARIABLE_END, "}}", lines.at(start)));
        return true;
    }

    private void lexNumber() {
        int start = pos;
        NumberLiteral literal = NumberLiteral.scan(source, pos);
        pos = literal.end();
        tokens.add(new Token(
                literal.isFloat() ? Kind.FLOAT : Kind.INTEGER, source.substring(start, pos), lines.at(start)));
    }

    private void lexName() {
        int start = pos;
        while (pos < source.length() && (source.charAt(pos) == '_' || Character.isLetterOrDigit(source.charAt(pos)))) {
            pos++;
        }
        tokens.add(new Token(Kind.NAME, source.substring(start, pos), lines.at(start)));
    }

    private void lexString(char quote) {
        int start = pos;
        int i = pos + 1;
        while (i < source.length() && source.charAt(i) != quote) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        if (i >= source.length()) {
            throw syntaxError(start, "unterminated string literal");
        }
        String value;
        try {
            value = PythonStringLiteral.decode(source.substring(start + 1, i));
        } catch (IllegalArgumentException e) {
            throw syntaxError(start, e.getMessage());
        }
        pos = i + 1;
        tokens.add(new Token(Kind.STRING, value, lines.at(start)));
    }

    private void lexOperator(Deque<Character> openBrackets) {
        int start = pos;
        for (String operator : TWO_CHAR_OPERATORS) {
            if (source.startsWith(operator, pos)) {
                pos += 2;
                tokens.add(new Token(Kind.OPERATOR, operator, lines.at(start)));
                return;
            }
        }
        char c = source.charAt(pos);
        if (ONE_CHAR_OPERATORS.indexOf(c) < 0) {
            throw syntaxError(pos, "unexpected character '" + c + "'");
        }
        switch (c) {
            case '(' -> openBrackets.push(')');
            case '[' -> openBrackets.push(']');
            case '{' -> openBrackets.push('}');
            case ')', ']', '}' -> {
                if (openBrackets.isEmpty() || openBrackets.peek() != c) {
                    String expected = openBrackets.isEmpty() ? "" : ", expected '" + openBrackets.peek() + "'";
                    throw syntaxError(pos, "unexpected '" + c + "'" + expected);
                }
                openBrackets.pop();
            }
            default -> {}
        }
        pos++;
        tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), lines.at(start)));
    }

    private int skipSpace(int from) {
        int i = from;
        while (i < source.length() && PythonStrings.isSpace(source.charAt(i))) {
            i++;
        }
        return i;
    }

    private void emitText(String text, int offset) {
        if (!text.isEmpty()) {
            tokens.add(new Token(Kind.TEXT, text, lines.at(offset)));
        }
    }

    private TemplateException syntaxError(int offset, String problem) {
        return new TemplateException(TemplateException.Kind.SYNTAX, lines.at(offset), problem);
    }
}
