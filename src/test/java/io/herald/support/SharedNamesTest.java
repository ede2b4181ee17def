package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every herald* header, property and topic setting that a route or SQL file uses is declared in {@link Names}. */
class SharedNamesTest {

    /** A name used as a header or property: heraldSomething, not after "ref: " or "#" (a bean). */
    private static final Pattern NAME = Pattern.compile("(?<!ref: )(?<!#)\\bherald[A-Z][A-Za-z]*");
    private static final Pattern TOPIC = Pattern.compile("\\{\\{(herald\\.kafka\\.topics\\.[a-z-]+)}}");

    private static Set<String> declared(Class<?> holder) {
        return Arrays.stream(holder.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()))
                .map(SharedNamesTest::value).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(String root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of(root))) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<String> found(Pattern pattern, List<Path> files) throws IOException {
        List<String> uses = new ArrayList<>();
        for (Path file : files) {
            Matcher m = pattern.matcher(Files.readString(file));
            while (m.find()) {
                uses.add(file + ": " + m.group(m.groupCount()));
            }
        }
        return uses;
    }

    @Test
    void everyHeaderAndPropertyThatRoutesAndSqlUseIsDeclared() throws IOException {
        Set<String> names = new TreeSet<>(declared(Names.Header.class));
        names.addAll(declared(Names.Property.class));
        List<Path> sources = new ArrayList<>(files("routes", ".camel.yaml"));
        sources.addAll(files("src/main/resources/sql", ".sql"));

        List<String> uses = found(NAME, sources);

        assertThat(uses).as("routes and SQL use herald* names").isNotEmpty();
        assertThat(uses).allSatisfy(use -> assertThat(names).as(use).contains(use.substring(use.lastIndexOf(' ') + 1)));
    }

    @Test
    void everyTopicThatRoutesUseIsDeclaredAndConfigured() throws IOException {
        Set<String> topics = declared(Names.Topic.class);
        String settings = Files.readString(Path.of("src/main/resources/application.yaml"));

        List<String> uses = found(TOPIC, files("routes", ".camel.yaml"));

        assertThat(uses).isNotEmpty();
        assertThat(uses).allSatisfy(use -> {
            String setting = use.substring(use.lastIndexOf(' ') + 1);
            assertThat(topics).as(use).contains(setting);
            assertThat(settings).as(setting + " has a default in application.yaml")
                    .containsPattern("(?m)^ {6}" + setting.substring("herald.kafka.topics.".length()) + ":");
        });
    }

    @Test
    void theCheckFindsAnUndeclaredName() {
        Matcher m = NAME.matcher("name: heraldSomethingNew\nref: heraldMetrics\nuri: bean:#heraldBean");

        assertThat(m.results().map(r -> r.group()).toList()).containsExactly("heraldSomethingNew");
        assertThat(declared(Names.Header.class)).doesNotContain("heraldSomethingNew");
    }
}
