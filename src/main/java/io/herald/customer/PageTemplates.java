package io.herald.customer;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNotFoundException;
import io.herald.config.HeraldProperties;
import io.herald.render.Brand;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The customer's pages, server-rendered from {@code templates/pages/<page>.ftlh} (HTML-escaped), in the language of
 * {@code templates/pages/phrases/<language>.ftl} closest to the customer's locale; the pages import the messages'
 * phrases ({@code templates/phrases/<language>.ftl}) too, so that they use the same words. Every page sees the brand
 * ({@code herald.brand.*}) as {@code brand}, its language as {@code lang} and its words as {@code p}.
 */
@Component
class PageTemplates {

    private final Configuration freemarker;
    private final String defaultLanguage;

    PageTemplates(HeraldProperties properties, Brand brand) throws IOException, TemplateModelException {
        this.defaultLanguage = Locale.forLanguageTag(properties.notifications().defaultLocale()).getLanguage();
        this.freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setTemplateLoader(loader(properties.templatesLocation()));
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setLocalizedLookup(false);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setAPIBuiltinEnabled(false);
        freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        freemarker.setSharedVariable("brand", brand.model());
    }

    private static TemplateLoader loader(String location) throws IOException {
        if (location.startsWith("file:")) {
            return new FileTemplateLoader(new File(location.substring("file:".length())));
        }
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        path = path.replaceAll("^/+", "").replaceAll("/+$", "");
        return new ClassTemplateLoader(PageTemplates.class.getClassLoader(), "/" + path);
    }

    /** The language of the pages closest to a customer's locale ({@code de-AT}: {@code de}), else the default. */
    String language(String wanted) {
        if (wanted != null && !wanted.isBlank()) {
            String language = Locale.forLanguageTag(wanted.replace('_', '-')).getLanguage();
            if (!language.isEmpty() && exists("pages/phrases/" + language + ".ftl")) {
                return language;
            }
        }
        return defaultLanguage;
    }

    /** Renders {@code pages/<page>.ftlh} in a language of {@link #language}. */
    String render(String page, String language, Map<String, Object> values) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("lang", language);
        try {
            StringWriter out = new StringWriter();
            freemarker.getTemplate("pages/" + page + ".ftlh", Locale.ROOT).process(model, out);
            return out.toString();
        } catch (TemplateException | IOException e) {
            throw new IllegalStateException("Page " + page + " failed", e);
        }
    }

    private boolean exists(String name) {
        try {
            freemarker.getTemplate(name, Locale.ROOT);
            return true;
        } catch (TemplateNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
