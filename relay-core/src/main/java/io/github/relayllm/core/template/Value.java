package io.github.relayllm.core.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A value inside the interpreter: the Python objects a jinja2 template sees. Containers are
 * immutable (Hugging Face renders with jinja2's immutable sandbox); only a {@link NamespaceValue}
 * changes, through {@code {% set ns.attribute = ... %}}.
 */
sealed interface Value {
    NoneValue NONE = new NoneValue();
    BoolValue TRUE = new BoolValue(true);
    BoolValue FALSE = new BoolValue(false);
    StrValue EMPTY_STRING = new StrValue("");

    /** Python truthiness: false for none, false, zero, empty strings and containers, and undefined. */
    boolean isTrue();

    /** The Python type name, for error messages ({@code 'int'}, {@code 'str'}, {@code 'NoneType'}, ...). */
    String typeName();

    static BoolValue of(boolean value) {
        return value ? TRUE : FALSE;
    }

    record NoneValue() implements Value {
        @Override
        public boolean isTrue() {
            return false;
        }

        @Override
        public String typeName() {
            return "NoneType";
        }
    }

    record BoolValue(boolean value) implements Value {
        @Override
        public boolean isTrue() {
            return value;
        }

        @Override
        public String typeName() {
            return "bool";
        }
    }

    /** A Python int; this interpreter's ints are 64-bit and overflow is an error. */
    record IntValue(long value) implements Value {
        @Override
        public boolean isTrue() {
            return value != 0;
        }

        @Override
        public String typeName() {
            return "int";
        }
    }

    record FloatValue(double value) implements Value {
        @Override
        public boolean isTrue() {
            return value != 0;
        }

        @Override
        public String typeName() {
            return "float";
        }
    }

    /**
     * A Python str; {@code markup} marks markupsafe's {@code Markup} (made by the {@code escape} and
     * {@code safe} filters), which escapes what is added to it. Equality ignores the mark, as Python's does.
     */
    record StrValue(String text, boolean markup) implements Value {
        public StrValue {
            Objects.requireNonNull(text, "text");
        }

        StrValue(String text) {
            this(text, false);
        }

        @Override
        public boolean isTrue() {
            return !text.isEmpty();
        }

        @Override
        public String typeName() {
            return markup ? "Markup" : "str";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StrValue s && s.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }

    record ListValue(List<Value> items) implements Value {
        public ListValue {
            items = List.copyOf(items);
        }

        @Override
        public boolean isTrue() {
            return !items.isEmpty();
        }

        @Override
        public String typeName() {
            return "list";
        }
    }

    record TupleValue(List<Value> items) implements Value {
        public TupleValue {
            items = List.copyOf(items);
        }

        @Override
        public boolean isTrue() {
            return !items.isEmpty();
        }

        @Override
        public String typeName() {
            return "tuple";
        }
    }

    /** A Python dict: insertion-ordered, keyed by values (in practice strings). */
    record DictValue(Map<Value, Value> entries) implements Value {
        public DictValue {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** The value under the string key {@code key}, or null when there is none. */
        Value get(String key) {
            return entries.get(new StrValue(key));
        }

        @Override
        public boolean isTrue() {
            return !entries.isEmpty();
        }

        @Override
        public String typeName() {
            return "dict";
        }
    }

    /**
     * jinja2's default {@code Undefined}: printed as nothing, false, empty when iterated, but an error
     * when used in arithmetic, called, or asked for an attribute. {@code hint} is that error's message.
     */
    record UndefinedValue(String hint) implements Value {
        static UndefinedValue named(String name) {
            return new UndefinedValue("'" + name + "' is undefined");
        }

        /** The missing attribute or item {@code key} of {@code owner}. */
        static UndefinedValue missing(Value owner, String key) {
            String described = owner instanceof NoneValue ? "None" : owner.typeName() + " object";
            return new UndefinedValue("'" + described + "' has no attribute '" + key + "'");
        }

        RenderError error() {
            return new RenderError(hint);
        }

        @Override
        public boolean isTrue() {
            return false;
        }

        @Override
        public String typeName() {
            return "Undefined";
        }
    }

    /** jinja2's {@code namespace()}: the one mutable object, whose attributes survive loop scopes. */
    record NamespaceValue(Map<String, Value> attributes) implements Value {
        @Override
        public boolean isTrue() {
            return true;
        }

        @Override
        public String typeName() {
            return "Namespace";
        }
    }

    /** The {@code loop} variable of a for loop at iteration {@code index0} over {@code items}. */
    record LoopValue(List<Value> items, int index0) implements Value {
        @Override
        public boolean isTrue() {
            return true;
        }

        @Override
        public String typeName() {
            return "LoopContext";
        }
    }

    /** A callable: a macro, a global such as {@code range}, or a bound method such as {@code str.split}. */
    record FunctionValue(String name, Implementation implementation) implements Value {
        @FunctionalInterface
        interface Implementation {
            Value call(Arguments arguments);
        }

        Value call(Arguments arguments) {
            return implementation.call(arguments);
        }

        @Override
        public boolean isTrue() {
            return true;
        }

        @Override
        public String typeName() {
            return "function";
        }
    }
}
