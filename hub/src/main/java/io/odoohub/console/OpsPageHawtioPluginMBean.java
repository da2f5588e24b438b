package io.odoohub.console;

/**
 * What Hawtio's plugin servlet reads of a plugin MBean ({@code hawtio:type=plugin,name=*}): where the remote entry of a
 * module federation container is, its global name and module, and the function to call.
 */
public interface OpsPageHawtioPluginMBean {

    String getUrl();

    String getScope();

    String getModule();

    String getRemoteEntryFileName();

    boolean isBustRemoteEntryCache();

    String getPluginEntry();
}
