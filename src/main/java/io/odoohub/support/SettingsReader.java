package io.odoohub.support;

import org.apache.camel.spi.PropertiesComponent;

/** Reads declared settings ({@link Setting}) from the properties, with errors that name the setting and the bad value. */
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
                    + (setting.isSecret() ? " (the value is secret: not shown)" : ", was '" + value + "'"),
                    setting.isSecret() ? null : e); // a secret's parse error stays out of the cause too
        }
    }
}
