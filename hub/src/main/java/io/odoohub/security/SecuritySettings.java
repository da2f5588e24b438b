package io.odoohub.security;

import io.odoohub.support.Setting;
import io.odoohub.support.SettingsReader;
import java.util.List;
import org.apache.camel.spi.PropertiesComponent;

/** The secrets the hub starts from: the first admin token of the API and the master key of the credential store. */
public final class SecuritySettings {

    static final Setting<String> ADMIN_TOKEN = Setting.text("hub.admin-token", "HUB_ADMIN_TOKEN", "",
            "an admin token of the API you choose (24 characters or more), registered at start if it is not there and stored"
                    + " with a salted slow hash: see [Management API](operations.md#management-api)").secret();
    static final Setting<String> MASTER_KEY = Setting.text("hub.master-key", "HUB_MASTER_KEY", "",
            "the key that encrypts credentials, base64 of 32 bytes (`openssl rand -base64 32`); empty = `hub.master-key-file`:"
                    + " see [Secrets](operations.md#secrets)").secret();
    static final Setting<String> MASTER_KEY_FILE = Setting.text("hub.master-key-file", "HUB_MASTER_KEY_FILE", "",
            "the file that holds the master key; with neither, `<data dir>/master.key` is created (rw-------)");

    /** Every setting of this class, in the order of application.properties. */
    public static final List<Setting<?>> DECLARED = List.of(ADMIN_TOKEN, MASTER_KEY, MASTER_KEY_FILE);

    private SecuritySettings() {
    }

    /** {@code hub.admin-token}, or empty. */
    public static String adminToken(PropertiesComponent p) {
        return SettingsReader.read(p, ADMIN_TOKEN);
    }

    static String masterKey(PropertiesComponent p) {
        return SettingsReader.read(p, MASTER_KEY);
    }

    static String masterKeyFile(PropertiesComponent p) {
        return SettingsReader.read(p, MASTER_KEY_FILE);
    }
}
