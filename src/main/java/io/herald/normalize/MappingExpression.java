package io.herald.normalize;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import io.herald.normalize.MappingRegistry.Mapping;
import java.time.Clock;
import java.util.List;

/**
 * One version of a source's mapping, parsed once and evaluated for every payload of that version, from any number of
 * threads at once.
 *
 * <p>jsonata-java 0.9.9 keeps the state of an evaluation on the instance that its thread last constructed (a static
 * per-thread "current" instance): each evaluation stores the frame it ended in there. When that instance is the
 * parsed expression itself, its next evaluation's frame is a child of the previous one: the environment nests two
 * frames deeper per payload, a variable one payload set is seen by the next, lookups walk the whole chain (slower
 * without bound) and, some thousands of payloads later, overflow the stack. So the parsed expression must never be
 * any thread's current instance: right after parsing, a throwaway instance takes its place on the parsing thread
 * (other threads make their own copy the first time they evaluate). Each evaluation then runs in a fresh frame whose
 * parent, the expression's own environment, is never written to again.
 *
 * <p>For the same reason the library's {@code $now()} would answer the time its thread's current instance was made,
 * so {@code $now()} is bound here to Herald's clock. The other helpers are {@link MappingFunctions}'.
 */
final class MappingExpression {

    private final Mapping mapping;
    private final Jsonata expression;
    /** Read only once built: each evaluation copies these bindings into its own frame. */
    private final Jsonata.Frame bindings;

    private MappingExpression(Mapping mapping, Jsonata expression, Jsonata.Frame bindings) {
        this.mapping = mapping;
        this.expression = expression;
        this.bindings = bindings;
    }

    /**
     * Parses one version of a mapping.
     *
     * @throws com.dashjoin.jsonata.JException when the mapping is not valid JSONata
     */
    static MappingExpression parse(Mapping mapping, Clock clock) {
        Jsonata expression = Jsonata.jsonata(mapping.expression());
        // the constructor made the parsed expression this thread's current instance; a throwaway takes its place
        Jsonata.jsonata("$");
        // The helpers every mapping may call ($text, $key, $phone, $reasonOf, ...): a mapping's own definition of the
        // same name, in its block, shadows them.
        Jsonata.Frame bindings = expression.createFrame();
        MappingFunctions.bindInto(bindings);
        bindings.bind("now", new Jsonata.JFunction((input, args) ->
                Functions.dateTimeFromMillis(clock.millis(), argument(args, 0), argument(args, 1)), "<s?s?:s>"));
        bindings.bind("source", mapping.source());
        return new MappingExpression(mapping, expression, bindings);
    }

    /** The version of the mapping this was parsed from. */
    Mapping mapping() {
        return mapping;
    }

    /**
     * Maps one parsed payload.
     *
     * @throws com.dashjoin.jsonata.JException when the mapping fails on it
     */
    Object evaluate(Object input) {
        return expression.evaluate(input, bindings);
    }

    private static String argument(List<?> args, int index) {
        return args != null && args.size() > index && args.get(index) instanceof String text ? text : null;
    }
}
