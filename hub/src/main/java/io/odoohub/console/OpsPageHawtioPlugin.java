package io.odoohub.console;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The link from Hawtio back to the operator's page. Hawtio 4 loads external plugins that MBeans named
 * {@code hawtio:type=plugin,name=*} describe (its plugin servlet lists them; the console imports each as a module
 * federation remote). This one points at {@code ops/static/hawtio-plugin.js}, a small hand-written container that adds
 * "Operator's page" to Hawtio's navigation; opening it goes to the page, in the same session.
 */
final class OpsPageHawtioPlugin implements OpsPageHawtioPluginMBean {

    static final String OBJECT_NAME = "hawtio:type=plugin,name=odoo-hub-ops";
    /** The global name the remote entry script defines (as {@code var odooHubOps}). */
    static final String SCOPE = "odooHubOps";

    private final String url;

    private OpsPageHawtioPlugin(String url) {
        this.url = url;
    }

    /** Registers the plugin for the page at {@code pagePath} in the web application at {@code contextPath}. */
    static ObjectName register(String contextPath, String pagePath) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(new OpsPageHawtioPlugin(contextPath + pagePath + "/static"), name);
        return name;
    }

    static void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException gone) {
            // already gone
        }
    }

    @Override
    public String getUrl() {
        return url;
    }

    @Override
    public String getScope() {
        return SCOPE;
    }

    @Override
    public String getModule() {
        return "./plugin";
    }

    @Override
    public String getRemoteEntryFileName() {
        return "hawtio-plugin.js";
    }

    @Override
    public boolean isBustRemoteEntryCache() {
        return false;
    }

    @Override
    public String getPluginEntry() {
        return "plugin";
    }
}
