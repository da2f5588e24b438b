package io.odoohub.support;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.builder.TemplatedRouteBuilder;

/**
 * Routes made from the route templates of {@code routes/} (a drain per inbox flow, the notifications check, a catalog
 * schedule's trigger). Camel reads {@code routes/} after the hub's Java configuration, so a route made while the hub is
 * being configured is made once the context has started ({@link #whenStarted}).
 */
public final class RouteTemplates {

    /** Work that needs the routes of {@code routes/}. */
    @FunctionalInterface
    public interface Work {
        void run(CamelContext context) throws Exception;
    }

    private RouteTemplates() {
    }

    /** Adds route {@code routeId} made from template {@code templateId} with these parameters. */
    public static void add(CamelContext context, String templateId, String routeId, Map<String, Object> parameters) {
        if (context.getCamelContextExtension().getContextPlugin(org.apache.camel.model.Model.class).getRouteTemplateDefinition(templateId) == null) {
            throw new IllegalStateException("route template '" + templateId + "' is not in the routes the hub read (camel.main.routes-include-pattern,"
                    + " folder HUB_ROUTES_DIR, default routes/): the hub's own YAML files must be there; route " + routeId + " cannot be made");
        }
        TemplatedRouteBuilder b = TemplatedRouteBuilder.builder(context, templateId).routeId(routeId);
        parameters.forEach(b::parameter);
        b.add();
    }

    /** Runs {@code work} once the context has started (at once if it has). */
    public static void whenStarted(CamelContext context, Work work) throws Exception {
        if (context.isStarted()) {
            work.run(context);
            return;
        }
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext c, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext c, boolean alreadyStarted) throws Exception {
                work.run(c);
            }
        });
    }
}
