package io.github.relayllm.core.template;

/** A template filter ({@code value | name(arguments)}); see {@link BuiltinFilters}. */
@FunctionalInterface
interface Filter {
    /** The filtered value; a {@link RenderError} when the input or arguments do not fit. */
    Value apply(Value input, Arguments arguments);
}
