package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Expression.Call;
import io.github.relayllm.core.template.Expression.FilterStep;
import io.github.relayllm.core.template.Statement.Assignment;
import io.github.relayllm.core.template.Statement.Branch;
import io.github.relayllm.core.template.Statement.MacroUses;
import io.github.relayllm.core.template.Statement.Parameter;
import io.github.relayllm.core.template.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Builds the statement tree from tokens: text, {@code {{ output }}}, and the block tags
 * {@code if for set macro call filter with generation break continue} (and {@code print}). Tags
 * jinja2 has but chat templates can not use here ({@code include}, {@code extends}, ...) are
 * rejected by name. Expressions are left to {@link ExpressionParser}.
 */
final class Parser {
    private static final Set<String> UNSUPPORTED_TAGS =
            Set.of("block", "extends", "include", "import", "from", "autoescape", "trans", "do");

    /** A block whose end tag the parser is waiting for, for error messages. */
    private record OpenBlock(String tag, Position position, Set<String> endTags) {}

    private final TokenCursor cursor;
    private final ExpressionParser expressions;
    private final Deque<OpenBlock> openBlocks = new ArrayDeque<>();
    private int loopDepth;

    private Parser(List<Token> tokens) {
        this.cursor = new TokenCursor(tokens);
        this.expressions = new ExpressionParser(cursor);
    }

    static List<Statement> parse(List<Token> tokens) {
        return new Parser(tokens).parseBody(Set.of());
    }

    /** Statements up to a block tag named in {@code endTags}; the cursor is left on that tag's name. */
    private List<Statement> parseBody(Set<String> endTags) {
        List<Statement> body = new ArrayList<>();
        while (true) {
            Token token = cursor.next();
            switch (token.kind()) {
                case TEXT -> body.add(new Statement.Text(token.text()));
                case VARIABLE_BEGIN -> {
                    body.add(new Statement.Output(expressions.parseTuple(true, Set.of(), false)));
                    cursor.expect(Kind.VARIABLE_END, "'}}'");
                }
                case BLOCK_BEGIN -> {
                    Token name = cursor.peek();
                    if (name.is(Kind.NAME) && endTags.contains(name.text())) {
                        return List.copyOf(body);
                    }
                    body.add(parseStatement(token.position()));
                }
                case END_OF_INPUT -> {
                    if (!openBlocks.isEmpty()) {
                        OpenBlock open = openBlocks.peek();
                        throw TokenCursor.error(
                                open.position(),
                                "'%s' block is never closed: the template ends while expecting %s"
                                        .formatted(open.tag(), describe(open.endTags())));
                    }
                    return List.copyOf(body);
                }
                default -> throw TokenCursor.error(token.position(), "unexpected " + token.describe());
            }
        }
    }

    /** A block tag whose {@code {%} is at {@code start}; the tag is positioned there in the tree and in errors. */
    private Statement parseStatement(Position start) {
        Token tag = new Token(Kind.NAME, cursor.expect(Kind.NAME, "a tag name").text(), start);
        return switch (tag.text()) {
            case "if" -> parseIf(tag);
            case "for" -> parseFor(tag);
            case "set" -> parseSet(tag);
            case "macro" -> parseMacro(tag);
            case "call" -> parseCall(tag);
            case "filter" -> parseFilterBlock(tag);
            case "with" -> parseWith(tag);
            case "generation" -> {
                endTag();
                yield new Statement.Scoped(parseBlockBody(tag, "endgeneration"));
            }
            case "print" -> {
                Expression expression = expressions.parseTuple(true, Set.of(), false);
                endTag();
                yield new Statement.Output(expression);
            }
            case "break", "continue" -> parseLoopControl(tag);
            default -> throw unknownTag(tag);
        };
    }

    private TemplateException unknownTag(Token tag) {
        if (UNSUPPORTED_TAGS.contains(tag.text())) {
            return TokenCursor.error(tag.position(), "the '" + tag.text() + "' tag is not supported in chat templates");
        }
        OpenBlock open = openBlocks.peek();
        boolean closing = tag.text().startsWith("end")
                || tag.text().equals("else")
                || tag.text().equals("elif");
        String problem = (closing ? "unexpected '" : "unknown tag '") + tag.text() + "'";
        if (open != null) {
            problem += "; the '%s' block opened on %s is still open and expects %s"
                    .formatted(open.tag(), open.position(), describe(open.endTags()));
        } else if (closing) {
            problem += ": there is no open block to close";
        }
        return TokenCursor.error(tag.position(), problem);
    }

    private static String describe(Set<String> endTags) {
        return endTags.stream()
                .sorted()
                .map(t -> "'" + t + "'")
                .reduce((a, b) -> a + " or " + b)
                .orElse("");
    }

    private void endTag() {
        cursor.expect(Kind.BLOCK_END, "'%}'");
    }

    /** Parses a body up to one of {@code endTags}; consumes and returns that tag's name, not its '%}'. */
    private String parseUntil(Token opener, List<Statement> into, String... endTags) {
        openBlocks.push(new OpenBlock(opener.text(), opener.position(), Set.of(endTags)));
        into.addAll(parseBody(Set.of(endTags)));
        openBlocks.pop();
        return cursor.next().text();
    }

    /** A body closed by exactly {@code endTag}, whose '%}' is consumed too. */
    private List<Statement> parseBlockBody(Token opener, String endTag) {
        List<Statement> body = new ArrayList<>();
        parseUntil(opener, body, endTag);
        endTag();
        return List.copyOf(body);
    }

    private Statement parseIf(Token tag) {
        List<Branch> branches = new ArrayList<>();
        List<Statement> otherwise = new ArrayList<>();
        Expression condition = expressions.parseTuple(false, Set.of(), false);
        while (true) {
            endTag();
            List<Statement> body = new ArrayList<>();
            String end = parseUntil(tag, body, "elif", "else", "endif");
            branches.add(new Branch(condition, List.copyOf(body)));
            if (end.equals("elif")) {
                condition = expressions.parseTuple(false, Set.of(), false);
                continue;
            }
            if (end.equals("else")) {
                endTag();
                parseUntil(tag, otherwise, "endif");
            }
            endTag();
            return new Statement.If(List.copyOf(branches), List.copyOf(otherwise));
        }
    }

    private Statement parseFor(Token tag) {
        Statement.Target target = TargetParser.parse(cursor, Set.of("in"), false);
        cursor.expectName("in");
        Expression iterable = expressions.parseTuple(false, Set.of("recursive"), false);
        Expression filter = cursor.skipName("if") ? expressions.parseExpression() : null;
        if (cursor.peek().isName("recursive")) {
            throw TokenCursor.error(cursor.peek().position(), "recursive loops are not supported");
        }
        endTag();
        List<Statement> body = new ArrayList<>();
        loopDepth++;
        String end = parseUntil(tag, body, "else", "endfor");
        loopDepth--;
        List<Statement> otherwise = new ArrayList<>();
        if (end.equals("else")) {
            endTag();
            parseUntil(tag, otherwise, "endfor");
        }
        endTag();
        return new Statement.For(target, iterable, filter, List.copyOf(body), List.copyOf(otherwise), tag.position());
    }

    private Statement parseLoopControl(Token tag) {
        if (loopDepth == 0) {
            throw TokenCursor.error(tag.position(), "'" + tag.text() + "' outside of a loop");
        }
        endTag();
        return tag.text().equals("break") ? new Statement.Break() : new Statement.Continue();
    }

    private Statement parseSet(Token tag) {
        Statement.Target target = TargetParser.parse(cursor, Set.of(), true);
        if (cursor.skipOperator("=")) {
            Expression value = expressions.parseTuple(true, Set.of(), false);
            endTag();
            return new Statement.Set(target, value, tag.position());
        }
        List<FilterStep> filters = new ArrayList<>();
        while (cursor.skipOperator("|")) {
            filters.add(expressions.operands().parseFilterStep());
        }
        endTag();
        return new Statement.SetBlock(target, List.copyOf(filters), parseBlockBody(tag, "endset"), tag.position());
    }

    private Statement parseMacro(Token tag) {
        String name = cursor.expect(Kind.NAME, "a macro name").text();
        List<Parameter> parameters = parseParameters();
        endTag();
        BodyWithUses body = parseMacroBody(tag, "endmacro");
        return new Statement.Macro(name, parameters, body.statements(), body.uses(), tag.position());
    }

    private Statement parseCall(Token tag) {
        List<Parameter> parameters = cursor.peek().isOperator("(") ? parseParameters() : List.of();
        if (!(expressions.parseExpression() instanceof Call call)) {
            throw TokenCursor.error(tag.position(), "a call block needs a macro call, as in {% call m() %}");
        }
        endTag();
        BodyWithUses body = parseMacroBody(tag, "endcall");
        return new Statement.CallBlock(call, parameters, body.statements(), body.uses());
    }

    private record BodyWithUses(List<Statement> statements, MacroUses uses) {}

    /** A macro body, parsed outside any loop, recording which implicit names it reads. */
    private BodyWithUses parseMacroBody(Token tag, String endTag) {
        int outerLoopDepth = loopDepth;
        loopDepth = 0;
        Set<String> outer = expressions.operands().startRecordingVariables();
        List<Statement> body = parseBlockBody(tag, endTag);
        Set<String> read = expressions.operands().restoreVariablesRead(outer);
        loopDepth = outerLoopDepth;
        return new BodyWithUses(
                body, new MacroUses(read.contains("varargs"), read.contains("kwargs"), read.contains("caller")));
    }

    private List<Parameter> parseParameters() {
        cursor.expectOperator("(");
        List<Parameter> parameters = new ArrayList<>();
        while (!cursor.peek().isOperator(")")) {
            if (!parameters.isEmpty()) {
                cursor.expectOperator(",");
            }
            Token name = cursor.expect(Kind.NAME, "a parameter name");
            Expression defaultValue = cursor.skipOperator("=") ? expressions.parseExpression() : null;
            if (defaultValue == null
                    && !parameters.isEmpty()
                    && parameters.getLast().defaultValue() != null) {
                throw TokenCursor.error(name.position(), "non-default argument follows default argument");
            }
            parameters.add(new Parameter(name.text(), defaultValue));
        }
        cursor.expectOperator(")");
        return List.copyOf(parameters);
    }

    private Statement parseFilterBlock(Token tag) {
        List<FilterStep> filters = new ArrayList<>();
        filters.add(expressions.operands().parseFilterStep());
        while (cursor.skipOperator("|")) {
            filters.add(expressions.operands().parseFilterStep());
        }
        endTag();
        return new Statement.FilterBlock(List.copyOf(filters), parseBlockBody(tag, "endfilter"));
    }

    private Statement parseWith(Token tag) {
        List<Assignment> assignments = new ArrayList<>();
        while (!cursor.peek().is(Kind.BLOCK_END)) {
            if (!assignments.isEmpty()) {
                cursor.expectOperator(",");
            }
            String name = cursor.expect(Kind.NAME, "a variable name").text();
            cursor.expectOperator("=");
            assignments.add(new Assignment(name, expressions.parseExpression()));
        }
        endTag();
        return new Statement.With(List.copyOf(assignments), parseBlockBody(tag, "endwith"));
    }
}
