package io.github.relayllm.core.template;

import io.github.relayllm.core.template.Expression.FilterStep;
import io.github.relayllm.core.template.Statement.Assignment;
import io.github.relayllm.core.template.Statement.Branch;
import io.github.relayllm.core.template.Statement.Break;
import io.github.relayllm.core.template.Statement.CallBlock;
import io.github.relayllm.core.template.Statement.Continue;
import io.github.relayllm.core.template.Statement.FilterBlock;
import io.github.relayllm.core.template.Statement.For;
import io.github.relayllm.core.template.Statement.If;
import io.github.relayllm.core.template.Statement.Macro;
import io.github.relayllm.core.template.Statement.NameTarget;
import io.github.relayllm.core.template.Statement.NamespaceTarget;
import io.github.relayllm.core.template.Statement.Output;
import io.github.relayllm.core.template.Statement.Scoped;
import io.github.relayllm.core.template.Statement.Set;
import io.github.relayllm.core.template.Statement.SetBlock;
import io.github.relayllm.core.template.Statement.Target;
import io.github.relayllm.core.template.Statement.Text;
import io.github.relayllm.core.template.Statement.TupleTarget;
import io.github.relayllm.core.template.Statement.With;
import io.github.relayllm.core.template.Value.LoopValue;
import io.github.relayllm.core.template.Value.NamespaceValue;
import io.github.relayllm.core.template.Value.StrValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a parsed template: writes text and output, and carries out the block tags with jinja2's
 * scoping (a fresh scope per loop iteration, macro call, {@code with}, set-block and filter-block
 * body). One interpreter renders one template once; it is not shared between threads.
 */
final class Interpreter {
    /** How a statement list ended: normally, or at a {@code break} or {@code continue}. */
    enum Flow {
        NORMAL,
        BREAK,
        CONTINUE
    }

    private final MacroCalls macros = new MacroCalls(this);

    String render(List<Statement> body, Scope scope) {
        StringBuilder out = new StringBuilder(256);
        execute(body, scope, out);
        return out.toString();
    }

    Flow execute(List<Statement> body, Scope scope, StringBuilder out) {
        for (Statement statement : body) {
            Flow flow = execute(statement, scope, out);
            if (flow != Flow.NORMAL) {
                return flow;
            }
        }
        return Flow.NORMAL;
    }

    private Flow execute(Statement statement, Scope scope, StringBuilder out) {
        switch (statement) {
            case Text text -> out.append(text.text());
            case Output output -> out.append(PythonFormat.str(Evaluator.evaluate(output.expression(), scope)));
            case If conditional -> {
                return branch(conditional, scope, out);
            }
            case For loop -> {
                return loop(loop, scope, out);
            }
            case Break b -> {
                return Flow.BREAK;
            }
            case Continue c -> {
                return Flow.CONTINUE;
            }
            case Set set -> assign(set.target(), Evaluator.evaluate(set.value(), scope), scope, set.position());
            case SetBlock block -> {
                Value captured = new StrValue(render(block.body(), scope.child()));
                assign(block.target(), applyFilters(block.filters(), captured, scope), scope, block.position());
            }
            case Macro macro -> scope.assign(macro.name(), macros.define(macro, scope));
            case CallBlock call -> out.append(PythonFormat.str(macros.callWithCaller(call, scope)));
            case FilterBlock block -> {
                Value rendered = new StrValue(render(block.body(), scope.child()));
                out.append(PythonFormat.str(applyFilters(block.filters(), rendered, scope)));
            }
            case With with -> {
                Scope inner = scope.child();
                for (Assignment assignment : with.assignments()) {
                    inner.assign(assignment.name(), Evaluator.evaluate(assignment.value(), scope));
                }
                return execute(with.body(), inner, out);
            }
            case Scoped scoped -> {
                return execute(scoped.body(), scope.child(), out);
            }
        }
        return Flow.NORMAL;
    }

    private Flow branch(If conditional, Scope scope, StringBuilder out) {
        for (Branch branch : conditional.branches()) {
            if (Evaluator.evaluate(branch.condition(), scope).isTrue()) {
                return execute(branch.body(), scope, out);
            }
        }
        return execute(conditional.otherwise(), scope, out);
    }

    private Flow loop(For loop, Scope scope, StringBuilder out) {
        List<Value> items;
        try {
            items = Access.iterate(Evaluator.evaluate(loop.iterable(), scope));
        } catch (RenderError error) {
            throw error.at(loop.position());
        }
        if (loop.filter() != null) {
            items = passingFilter(loop, items, scope);
        }
        if (items.isEmpty()) {
            return execute(loop.otherwise(), scope.child(), out);
        }
        for (int i = 0; i < items.size(); i++) {
            Scope iteration = scope.child();
            assign(loop.target(), items.get(i), iteration, loop.position());
            iteration.assign("loop", new LoopValue(items, i));
            if (execute(loop.body(), iteration, out) == Flow.BREAK) {
                break;
            }
        }
        return Flow.NORMAL;
    }

    private List<Value> passingFilter(For loop, List<Value> items, Scope scope) {
        List<Value> passing = new ArrayList<>(items.size());
        for (Value item : items) {
            Scope candidate = scope.child();
            assign(loop.target(), item, candidate, loop.position());
            if (Evaluator.evaluate(loop.filter(), candidate).isTrue()) {
                passing.add(item);
            }
        }
        return passing;
    }

    private static Value applyFilters(List<FilterStep> filters, Value input, Scope scope) {
        Value value = input;
        for (FilterStep step : filters) {
            try {
                value = step.implementation().apply(value, Evaluator.arguments(step.arguments(), scope));
            } catch (RenderError error) {
                throw error.at(step.position());
            }
        }
        return value;
    }

    /** Binds {@code value} to an assignment or loop target, unpacking tuples as Python does. */
    static void assign(Target target, Value value, Scope scope, Position position) {
        switch (target) {
            case NameTarget name -> scope.assign(name.name(), value);
            case TupleTarget tuple -> {
                List<Value> items;
                try {
                    items = Access.iterate(value);
                } catch (RenderError error) {
                    throw new RenderError("cannot unpack non-iterable " + value.typeName() + " object").at(position);
                }
                if (items.size() != tuple.items().size()) {
                    String problem = items.size() > tuple.items().size()
                            ? "too many values to unpack (expected %d)"
                                    .formatted(tuple.items().size())
                            : "not enough values to unpack (expected %d, got %d)"
                                    .formatted(tuple.items().size(), items.size());
                    throw new RenderError(problem).at(position);
                }
                for (int i = 0; i < items.size(); i++) {
                    assign(tuple.items().get(i), items.get(i), scope, position);
                }
            }
            case NamespaceTarget attribute -> {
                if (!(scope.lookup(attribute.namespace()) instanceof NamespaceValue namespace)) {
                    throw new RenderError("cannot assign attribute on non-namespace object").at(position);
                }
                namespace.attributes().put(attribute.attribute(), value);
            }
        }
    }
}
