package io.herald.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModelException;
import io.herald.config.HeraldProperties;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Renders notification templates: {@code <channel>/<locale>/<type>.<part>.ftl}, or {@code .ftlh} for HTML, which
 * FreeMarker escapes automatically. A customer's locale falls back from {@code de-AT} to {@code de} to the default.
 * Every template sees the brand ({@code herald.brand.*}) as {@code brand}. A value the model lacks fails the render.
 */
@Component
public class TemplateRenderer {

    private final Configuration freemarker;
    private final String defaultLocale;

    public TemplateRenderer(HeraldProperties properties, Brand brand) throws IOException, TemplateModelException {
        this.defaultLocale = properties.notifications().defaultLocale();
        this.freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setTemplateLoader(loader(properties.templatesLocation()));
        freemarker.setDefaultEncoding("UTF-8");
        // the path names the locale already (resolveLocale), so FreeMarker's own _de_AT, _de lookups only missed
        freemarker.setLocalizedLookup(false);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        freemarker.setAPIBuiltinEnabled(false);
        freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        // templates in an outside folder are read again within 2 s of an edit; the jar's own cannot change, and
        // checking them every 2 s was a search of the class path per template and message
        freemarker.setTemplateUpdateDelayMilliseconds(properties.templatesLocation().startsWith("file:")
                ? 2000 : Long.MAX_VALUE);
        freemarker.setSharedVariable("brand", brand.model());
    }

    private static TemplateLoader loader(String location) throws IOException {
        if (location.startsWith("file:")) {
            return new FileTemplateLoader(new File(location.substring("file:".length())));
        }
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        return new ClassTemplateLoader(TemplateRenderer.class.getClassLoader(), "/" + strip(path));
    }

    private static String strip(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The locale Herald has templates for that is closest to the customer's, for this channel and type. */
    public String resolveLocale(String channel, String type, String wanted) {
        if (wanted != null && !wanted.isBlank()) {
            Locale locale = Locale.forLanguageTag(wanted.replace('_', '-'));
            String full = locale.toLanguageTag();
            if (exists(channel, full, type)) {
                return full;
            }
            if (exists(channel, locale.getLanguage(), type)) {
                return locale.getLanguage();
            }
        }
        return defaultLocale;
    }

    /** Whether the channel has this type at all, in the default locale. */
    public boolean supports(String channel, String type) {
        return exists(channel, defaultLocale, type);
    }

    private boolean exists(String channel, String locale, String type) {
        String[] candidates = {".txt.ftl", ".html.ftlh"};
        for (String suffix : candidates) {
            if (find(channel + "/" + locale + "/" + type + suffix).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Renders one part ({@code subject}, {@code txt}, or {@code html}), or empty when the template has none. The
     * optional parts of an SMS are all kept; {@link MessageRenderer} fits them to the segment budget instead.
     */
    public Optional<String> render(String channel, String locale, String type, String part, Map<String, Object> model) {
        return renderMarked(channel, locale, type, part, model).map(SmsFitter::unmarked);
    }

    /** Renders one part with the marks of its optional parts ({@link SmsFitter}) left in. */
    Optional<String> renderMarked(String channel, String locale, String type, String part, Map<String, Object> model) {
        String suffix = "html".equals(part) ? ".html.ftlh" : "." + part + ".ftl";
        Optional<Template> template = find(channel + "/" + locale + "/" + type + suffix);
        if (template.isEmpty()) {
            return Optional.empty();
        }
        try {
            StringWriter out = new StringWriter();
            template.get().process(model, out);
            return Optional.of(out.toString().strip());
        } catch (TemplateException | IOException e) {
            throw new IllegalStateException("Template " + template.get().getName() + " failed: " + summary(e), e);
        }
    }

    /** FreeMarker's own explanation (what is missing, where), without its tips and FTL stack. */
    private static String summary(Exception e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf("\n\n");
        return (end < 0 ? message : message.substring(0, end)).replace('\n', ' ').strip();
    }

    private Optional<Template> find(String name) {
        try {
            // a missing template answers null rather than an exception: exists() asks for parts a type may not have
            return Optional.ofNullable(freemarker.getTemplate(name, null, null, null, true, true));
        } catch (IOException e) {
            throw new IllegalStateException("Template " + name + " cannot be read: " + e.getMessage(), e);
        }
    }
}
