package io.odoohub.support;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting, declared once: its key in {@code application.properties}, the environment variable that overrides it,
 * its default, how its text becomes a value (and what it must be), and what it means. The default here is the
 * default: {@code application.properties} writes it again as {@code key = {{env:VAR:default}}} and a test holds the
 * two (and the documentation's tables, generated from the declarations) equal.
 *
 * <p>Read with {@link SettingsReader#read}: a bad value stops the start with an error that names the key, the
 * environment variable and the value (a {@link #secret()} setting's value is never shown).
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    private final String key;
    private final String env;
    private final String defaultValue;
    private final String type;
    private final String description;
    private final boolean secret;
    private final boolean text;
    private final Function<String, T> parser;

    private Setting(String key, String env, String defaultValue, String type, String description, boolean secret, boolean text,
            Function<String, T> parser) {
        this.key = Objects.requireNonNull(key);
        this.env = Objects.requireNonNull(env);
        this.defaultValue = Objects.requireNonNull(defaultValue);
        this.type = type;
        this.description = description;
        this.secret = secret;
        this.text = text;
        this.parser = parser;
    }

    /** Text as written, trimmed; set but empty stays empty (it often means "off"). */
    public static Setting<String> text(String key, String env, String defaultValue, String description) {
        return new Setting<>(key, env, defaultValue, "text", description, false, true, v -> v);
    }

    /** A whole number; empty means the default. */
    public static Setting<Integer> integer(String key, String env, String defaultValue, String description) {
        return new Setting<>(key, env, defaultValue, "whole number", description, false, false, v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number");
            }
        });
    }

    /** A whole number of 1 or more; empty means the default. */
    public static Setting<Integer> positive(String key, String env, String defaultValue, String description) {
        return integer(key, env, defaultValue, description).check(v -> v >= 1, "must be at least 1").type("whole number ≥ 1");
    }

    /** A decimal number; empty means the default. */
    public static Setting<Double> decimal(String key, String env, String defaultValue, String description) {
        return new Setting<>(key, env, defaultValue, "number", description, false, false, v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number");
            }
        });
    }

    /** {@code true} or {@code false} (any case); empty means the default. */
    public static Setting<Boolean> bool(String key, String env, String defaultValue, String description) {
        return new Setting<>(key, env, defaultValue, "true / false", description, false, false, v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("must be true or false");
            }
            return Boolean.parseBoolean(v);
        });
    }

    /** One of the given words (any case), as the word is declared; empty means the default. */
    public static Setting<String> oneOf(String key, String env, String defaultValue, String description, String... allowed) {
        List<String> words = List.of(allowed);
        String rule = "must be " + String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        return new Setting<>(key, env, defaultValue, String.join(" / ", words), description, false, false,
                v -> words.stream().filter(v::equalsIgnoreCase).findFirst().orElseThrow(() -> new IllegalArgumentException(rule)));
    }

    /** The same setting, flagged secret: its value is never shown, not even in an error. */
    public Setting<T> secret() {
        return new Setting<>(key, env, defaultValue, type, description, true, text, parser);
    }

    /** The same setting with one more rule on its value: {@code rule} says what it must be ("must be at most 1000"). */
    public Setting<T> check(Predicate<? super T> ok, String rule) {
        return new Setting<>(key, env, defaultValue, type, description, secret, text, parser.andThen(v -> {
            if (!ok.test(v)) {
                throw new IllegalArgumentException(rule);
            }
            return v;
        }));
    }

    /**
     * The same setting read on into another type. {@code convert} throws {@link IllegalArgumentException} with the
     * rule that was broken ("must be ...") when the value does not convert.
     */
    public <R> Setting<R> map(Function<? super T, ? extends R> convert) {
        return new Setting<>(key, env, defaultValue, type, description, secret, text, parser.andThen(convert));
    }

    /** The same setting, described in the documentation as being of this type. */
    public Setting<T> type(String documentedType) {
        return new Setting<>(key, env, defaultValue, documentedType, description, secret, text, parser);
    }

    public String key() {
        return key;
    }

    /** The environment variable that overrides the key. */
    public String env() {
        return env;
    }

    /** The default as written in {@code application.properties} (it may refer to another key: {@code {{hub.data.dir}}}). */
    public String defaultValue() {
        return defaultValue;
    }

    public String type() {
        return type;
    }

    public String description() {
        return description;
    }

    public boolean isSecret() {
        return secret;
    }

    /** Text settings keep an empty value; the others read an empty value as their default. */
    boolean keepsEmpty() {
        return text;
    }

    /** The value of this text; throws {@link IllegalArgumentException} with the broken rule. */
    T parse(String value) {
        return parser.apply(value);
    }

    @Override
    public String toString() {
        return "Setting[" + key + " (" + env + ")]";
    }
}
