package io.odoohub.console;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;

/**
 * The JAAS configuration of the console realm: {@link HubLoginModule} over the hub's users. Every other realm is
 * answered by the configuration that was in place before, so installing this one takes nothing away.
 */
final class ConsoleLoginConfiguration extends Configuration {

    private final String realm;
    private final Configuration previous;
    private final AppConfigurationEntry entry;

    ConsoleLoginConfiguration(String realm, ConsoleUsers users, Configuration previous) {
        this.realm = realm;
        this.previous = previous;
        this.entry = new AppConfigurationEntry(HubLoginModule.class.getName(), LoginModuleControlFlag.REQUIRED,
                Map.of(HubLoginModule.USERS_OPTION, users));
    }

    /** The configuration to restore when this one is removed (null when there was none). */
    Configuration previous() {
        return previous;
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (realm.equals(name)) {
            return new AppConfigurationEntry[] {entry};
        }
        return previous == null ? null : previous.getAppConfigurationEntry(name);
    }

    @Override
    public void refresh() {
        if (previous != null) {
            previous.refresh();
        }
    }
}
