package io.github.relayllm.bench.eval.grading;

import io.github.relayllm.bench.eval.grading.Expression.Binary;
import io.github.relayllm.bench.eval.grading.Expression.Call;
import io.github.relayllm.bench.eval.grading.Expression.Constant;
import io.github.relayllm.bench.eval.grading.Expression.Function;
import io.github.relayllm.bench.eval.grading.Expression.Negation;
import io.github.relayllm.bench.eval.grading.Expression.Operator;
import io.github.relayllm.bench.eval.grading.Expression.Variable;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for the LaTeX arithmetic found in answers. Grammar, loosest first:
 *
 * <pre>
 * sum     = product (("+" | "-") product)*
 * product = unary (("*" | "\cdot" | "\times" | "/" | implicit) unary)*
 * unary   = ("-" | "+") unary | power
 * power   = atom ("^" unary)?                       right-associative through unary
 * atom    = number | letter ["_" group] | "\pi" | "e" | greek letter
 *         | "(" sum ")" | "{" sum "}" | "\frac" group group | "\sqrt" ["[" sum "]"] group
 *         | function power
 * group   = "{" sum "}" | one digit | one letter
 * </pre>
 *
 * Implicit multiplication binds like {@code *}, so {@code 2x}, {@code 3\sqrt{2}} and {@code (x+1)(x-1)}
 * work; each letter is its own variable ({@code xy} is {@code x*y}). A digit run followed by {@code e}
 * and a digit is scientific notation. Cost: linear in the text. Not thread-safe; one parser per text.
 */
final class ExpressionParser {
    private static final Set<String> GREEK = Set.of(
            "alpha",
            "beta",
            "gamma",
            "delta",
            "theta",
            "lambda",
            "mu",
            "phi",
            "varphi",
            "omega",
            "sigma",
            "tau",
            "rho",
            "epsilon",
            "varepsilon",
            "psi",
            "chi",
            "xi",
            "eta",
            "zeta",
            "kappa",
            "nu");

    private final String text;
    private int pos;

    ExpressionParser(String text) {
        this.text = text;
    }

    Expression parseAll() {
        Expression result = sum();
        skipSpace();
        if (pos < text.length()) {
            throw error("unexpected '" + text.charAt(pos) + "'");
        }
        return result;
    }

    private Expression sum() {
        Expression left = product();
        while (true) {
            if (accept("+")) {
                left = new Binary(Operator.ADD, left, product());
            } else if (accept("-")) {
                left = new Binary(Operator.SUBTRACT, left, product());
            } else {
                return left;
            }
        }
    }

    private Expression product() {
        Expression left = unary();
        while (true) {
            if (accept("*") || acceptCommand("cdot") || acceptCommand("times")) {
                left = new Binary(Operator.MULTIPLY, left, unary());
            } else if (accept("/") || acceptCommand("div")) {
                left = new Binary(Operator.DIVIDE, left, unary());
            } else if (startsAtom()) {
                left = new Binary(Operator.MULTIPLY, left, power());
            } else {
                return left;
            }
        }
    }

    private Expression unary() {
        if (accept("-")) {
            return new Negation(unary());
        }
        if (accept("+")) {
            return unary();
        }
        return power();
    }

    private Expression power() {
        Expression base = atom();
        if (accept("^")) {
            // The exponent is a group or one token: x^23 is not LaTeX for x^{23}, but answers write it.
            return new Binary(Operator.POWER, base, unary());
        }
        return base;
    }

    private boolean startsAtom() {
        skipSpace();
        if (pos >= text.length()) {
            return false;
        }
        char c = text.charAt(pos);
        if (Character.isLetterOrDigit(c) || c == '(' || c == '{' || c == '.') {
            return true;
        }
        if (c == '\\') {
            String name = peekCommand();
            return !name.equals("cdot") && !name.equals("times") && !name.equals("div");
        }
        return false;
    }

    private Expression atom() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (accept("(")) {
            Expression inner = sum();
            expect(")");
            return inner;
        }
        if (c == '{') {
            return group();
        }
        if (c == '\\') {
            return command();
        }
        if (isAsciiLetter(c)) {
            pos++;
            if (c == 'e') {
                return new Constant(Math.E);
            }
            return new Variable(c + subscript());
        }
        throw error("unexpected '" + c + "'");
    }

    private Expression command() {
        int start = pos;
        String name = readCommand();
        return switch (name) {
            case "frac" -> new Binary(Operator.DIVIDE, group(), group());
            case "sqrt" -> {
                if (accept("[")) {
                    Expression degree = sum();
                    expect("]");
                    Expression radicand = group();
                    yield new Binary(Operator.POWER, radicand, new Binary(Operator.DIVIDE, new Constant(1), degree));
                }
                yield new Call(Function.SQRT, group());
            }
            case "pi" -> new Constant(Math.PI);
            case "sin", "cos", "tan", "ln", "log", "exp" ->
                new Call(Function.valueOf(name.toUpperCase(Locale.ROOT)), power());
            default -> {
                if (GREEK.contains(name)) {
                    yield new Variable("\\" + name + subscript());
                }
                pos = start;
                throw error("unknown command \\" + name);
            }
        };
    }

    /** A braced sub-expression, or the single digit or letter LaTeX allows without braces. */
    private Expression group() {
        skipSpace();
        if (accept("{")) {
            Expression inner = sum();
            expect("}");
            return inner;
        }
        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            return new Constant(text.charAt(pos++) - '0');
        }
        if (pos < text.length() && isAsciiLetter(text.charAt(pos))) {
            return atom();
        }
        if (pos < text.length() && text.charAt(pos) == '\\') {
            return command();
        }
        throw error("expected a group");
    }

    private Expression number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos + 1 < text.length()
                && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')
                && (Character.isDigit(text.charAt(pos + 1))
                        || ((text.charAt(pos + 1) == '-' || text.charAt(pos + 1) == '+')
                                && pos + 2 < text.length()
                                && Character.isDigit(text.charAt(pos + 2))))) {
            pos += 2;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        try {
            return new Constant(Double.parseDouble(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            throw new ExpressionSyntaxException(text, start, "bad number");
        }
    }

    /** {@code _1}, {@code _{12}} or nothing, as part of a variable's name. */
    private String subscript() {
        if (pos >= text.length() || text.charAt(pos) != '_') {
            return "";
        }
        int start = pos++;
        if (accept("{")) {
            int close = text.indexOf('}', pos);
            if (close < 0) {
                throw error("unclosed subscript");
            }
            pos = close + 1;
        } else if (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        } else {
            throw error("empty subscript");
        }
        return text.substring(start, pos).replace("{", "").replace("}", "");
    }

    private String peekCommand() {
        int end = pos + 1;
        while (end < text.length() && isAsciiLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(pos + 1, end);
    }

    private String readCommand() {
        String name = peekCommand();
        if (name.isEmpty()) {
            throw error("unexpected '\\'");
        }
        pos += 1 + name.length();
        return name;
    }

    private boolean acceptCommand(String name) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '\\' && peekCommand().equals(name)) {
            pos += 1 + name.length();
            return true;
        }
        return false;
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private ExpressionSyntaxException error(String reason) {
        return new ExpressionSyntaxException(text, pos, reason);
    }
}
