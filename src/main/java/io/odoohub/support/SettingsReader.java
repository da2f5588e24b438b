package io.odoohub.support;

import org.apache.camel.spi.PropertiesComponent;

/**
 * Reads typed settings from the properties, with errors that name the setting and the bad value. {@link #read} reads
 * a declared {@link Setting}; the other methods are the older reading with a default in the caller, left for the
 * settings not yet declared.
 */
public final class SettingsReader {

    private SettingsReader() {
    }

    /**
     * The value of a declared setting: the property (application.properties, or the environment variable its value
     * names), else the declared default; parsed and checked. A bad value throws {@link IllegalArgumentException}
     * {@code setting <key> (<ENV>) must be ..., was '<value>'}; a secret's value is not shown.
     */
    public static <T> T read(PropertiesComponent p, Setting<T> setting) {
        String value = p.resolveProperty(setting.key()).map(String::trim).orElse(null);
        if (value == null || value.isEmpty() && !setting.keepsEmpty()) {
            value = setting.defaultValue().contains("{{") ? p.parseUri(setting.defaultValue()).trim() : setting.defaultValue();
        }
        try {
            return setting.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + setting.key() + " (" + setting.env() + ") " + e.getMessage()
                    + (setting.isSecret() ? " (the value is secret: not shown)" : ", was '" + value + "'"), e);
        }
    }

    public static String get(PropertiesComponent p, String key, String fallback) {
        return p.resolveProperty(key).map(String::trim).orElse(fallback);
    }

    public static int integer(PropertiesComponent p, String key, int fallback) {
        String v = get(p, key, "");
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, was '" + v + "'");
        }
    }

    public static int positive(PropertiesComponent p, String key, int fallback) {
        int v = integer(p, key, fallback);
        if (v < 1) {
            throw new IllegalArgumentException("setting " + key + " must be at least 1, was " + v);
        }
        return v;
    }

    public static double decimal(PropertiesComponent p, String key, double fallback) {
        String v = get(p, key, "");
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a number, was '" + v + "'");
        }
    }

    public static boolean bool(PropertiesComponent p, String key, boolean fallback) {
        String v = get(p, key, "");
        if (v.isEmpty()) {
            return fallback;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("setting " + key + " must be true or false, was '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }
}
