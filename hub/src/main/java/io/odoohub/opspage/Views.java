package io.odoohub.opspage;

import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The page's HTML templates ({@code opspage/templates/*.html} on the class path), rendered by Thymeleaf. Every value
 * goes out through {@code th:text} or an attribute, which escape it: nothing from a payload is ever written as markup.
 */
final class Views {

    private final TemplateEngine engine = new TemplateEngine();

    Views() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Views.class.getClassLoader());
        resolver.setPrefix("opspage/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    /** The whole template, or only {@code fragment} of it when not null (an htmx swap). */
    void render(String template, String fragment, Map<String, Object> model, Writer out) {
        Context context = new Context(Locale.ENGLISH, model);
        engine.process(template, fragment == null ? Set.of() : Set.of(fragment), context, out);
    }
}
