package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Statement.NameTarget;
import io.github.relayllm.core.template.Statement.NamespaceTarget;
import io.github.relayllm.core.template.Statement.Target;
import io.github.relayllm.core.template.Statement.TupleTarget;
import io.github.relayllm.core.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the left-hand side of {@code set} and {@code for}: a name, a tuple of targets
 * ({@code k, v} or {@code (a, b), c}), or in {@code set} a namespace attribute ({@code ns.count}).
 */
final class TargetParser {
    private TargetParser() {}

    static Target parse(TokenCursor cursor, Set<String> endNames, boolean allowNamespace) {
        Position position = cursor.peek().position();
        List<Target> items = new ArrayList<>();
        boolean isTuple = false;
        while (true) {
            if (!items.isEmpty()) {
                cursor.expectOperator(",");
            }
            Token next = cursor.peek();
            if (next.is(Kind.BLOCK_END)
                    || next.isOperator(")")
                    || next.isOperator("=")
                    || (next.is(Kind.NAME) && endNames.contains(next.text()))) {
                break;
            }
            items.add(parseOne(cursor, allowNamespace));
            if (!cursor.peek().isOperator(",")) {
                break;
            }
            isTuple = true;
        }
        if (items.isEmpty()) {
            throw cursor.unexpected("an assignment target");
        }
        return isTuple ? new TupleTarget(List.copyOf(items), position) : items.getFirst();
    }

    private static Target parseOne(TokenCursor cursor, boolean allowNamespace) {
        Token token = cursor.next();
        if (token.isOperator("(")) {
            Target inner = parse(cursor, Set.of(), false);
            cursor.expectOperator(")");
            return inner;
        }
        if (!token.is(Kind.NAME)) {
            throw TokenCursor.error(token.position(), "can't assign to " + token.describe());
        }
        if (!ExpressionParser.isAssignable(token.text())) {
            throw TokenCursor.error(token.position(), "can't assign to the constant '" + token.text() + "'");
        }
        if (allowNamespace && cursor.peek().isOperator(".")) {
            cursor.next();
            String attribute = cursor.expect(Kind.NAME, "an attribute name").text();
            return new NamespaceTarget(token.text(), attribute, token.position());
        }
        return new NameTarget(token.text());
    }
}
