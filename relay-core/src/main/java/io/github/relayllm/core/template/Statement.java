package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Expression.FilterStep;
import java.util.List;

/** A statement of the template language: text, output, and the block tags; run by {@link Interpreter}. */
sealed interface Statement {
    /** Template text written as it is. */
    record Text(String text) implements Statement {}

    /** {@code {{ expression }}}: writes Python's {@code str()} of the value. */
    record Output(Expression expression) implements Statement {}

    /** {@code if} / {@code elif} / {@code else}: the first branch whose condition is true runs. */
    record If(List<Branch> branches, List<Statement> otherwise) implements Statement {}

    record Branch(Expression condition, List<Statement> body) {}

    /**
     * {@code for target in iterable if filter}: each iteration runs in a fresh scope below the
     * enclosing one, so assignments inside do not outlive the iteration. {@code otherwise} runs
     * when no item passes. {@code filter} is null when absent.
     */
    record For(
            Target target,
            Expression iterable,
            Expression filter,
            List<Statement> body,
            List<Statement> otherwise,
            Position position)
            implements Statement {}

    record Break() implements Statement {}

    record Continue() implements Statement {}

    /** {@code set target = value}. */
    record Set(Target target, Expression value, Position position) implements Statement {}

    /** {@code set target | filters %}body{% endset}: assigns the rendered body. */
    record SetBlock(Target target, List<FilterStep> filters, List<Statement> body, Position position)
            implements Statement {}

    /** {@code macro name(parameters)}: defines a function that renders its body to a string. */
    record Macro(String name, List<Parameter> parameters, List<Statement> body, MacroUses uses, Position position)
            implements Statement {}

    /**
     * {@code call(callerParameters) callee(arguments)}: calls {@code call} with a {@code caller}
     * macro made of the body.
     */
    record CallBlock(Expression.Call call, List<Parameter> callerParameters, List<Statement> body, MacroUses uses)
            implements Statement {}

    /** {@code filter name(arguments)}: writes the rendered body through the filters. */
    record FilterBlock(List<FilterStep> filters, List<Statement> body) implements Statement {}

    /** {@code with a = 1, b = 2}: the body runs in a new scope holding the assignments. */
    record With(List<Assignment> assignments, List<Statement> body) implements Statement {}

    record Assignment(String name, Expression value) {}

    /**
     * A body that runs in its own scope: Hugging Face's {@code generation} block, which renders its
     * content unchanged (through a caller macro, hence the scope).
     */
    record Scoped(List<Statement> body) implements Statement {}

    /** A macro parameter; {@code defaultValue} is null when the parameter has none. */
    record Parameter(String name, Expression defaultValue) {}

    /** Which implicit names a macro body reads, deciding which extra arguments it accepts. */
    record MacroUses(boolean varargs, boolean kwargs, boolean caller) {}

    /** The left-hand side of an assignment or loop. */
    sealed interface Target {}

    record NameTarget(String name) implements Target {}

    record TupleTarget(List<Target> items, Position position) implements Target {}

    /** {@code namespace.attribute}: the only attribute assignment jinja2 allows. */
    record NamespaceTarget(String namespace, String attribute, Position position) implements Target {}
}
