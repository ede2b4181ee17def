package io.herald.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Makes hostile payloads from the project's own valid fixtures ({@code src/test/resources/payloads/<source>/}, not the
 * expected results): truncations, byte flips, random bytes, deep nesting, huge bodies, fields of the wrong type,
 * invalid UTF-8 and, for the XML sources, entity bombs, external entities and DOCTYPEs. The same seed gives the same
 * payloads in the same order.
 */
final class HostilePayloads {

    /** One generated payload: the source it is sent to, what was done to it, its bytes and content type. */
    record Hostile(String source, Kind kind, byte[] body, String contentType) {
    }

    /** What was done to the fixture. The mutations that keep the payload parseable test the mappings themselves. */
    enum Kind {
        WRONG_TYPE, MISSING_FIELD, TRUNCATED, BYTE_FLIP, RANDOM_BYTES, DEEP_NESTING, HUGE, INVALID_UTF8, XML_BOMB,
        XML_EXTERNAL_ENTITY, XML_DOCTYPE
    }

    private record Fixture(String source, String format, byte[] body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final List<Fixture> fixtures;
    private final int maxPayloadBytes;
    private final int maxNestingDepth;
    private int drawn;

    HostilePayloads(long seed, Path fixturesRoot, Path mappings, int maxPayloadBytes, int maxNestingDepth) {
        this.random = new Random(seed);
        this.fixtures = fixtures(fixturesRoot, mappings);
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxNestingDepth = maxNestingDepth;
    }

    /** The sources that have both a mapping and fixtures, in a stable order. */
    List<String> sources() {
        return fixtures.stream().map(Fixture::source).distinct().toList();
    }

    /** The next payload; the sources take turns, so each one gets its share however few payloads are asked for. */
    Hostile next() {
        List<String> sources = sources();
        String source = sources.get(drawn++ % sources.size());
        List<Fixture> own = fixtures.stream().filter(f -> f.source().equals(source)).toList();
        Fixture fixture = own.get(random.nextInt(own.size()));
        Kind kind = pickKind(fixture.format());
        return new Hostile(fixture.source(), kind, mutate(fixture, kind), contentType(fixture.format()));
    }

    private Kind pickKind(String format) {
        // half of the draws keep the payload parseable, so the mappings and validation see it
        int roll = random.nextInt(100);
        if (roll < 30) {
            return Kind.WRONG_TYPE;
        }
        if (roll < 50) {
            return Kind.MISSING_FIELD;
        }
        if ("xml".equals(format) && roll < 62) {
            return List.of(Kind.XML_BOMB, Kind.XML_EXTERNAL_ENTITY, Kind.XML_DOCTYPE).get(random.nextInt(3));
        }
        List<Kind> broken = List.of(Kind.TRUNCATED, Kind.BYTE_FLIP, Kind.RANDOM_BYTES, Kind.DEEP_NESTING, Kind.HUGE,
                Kind.INVALID_UTF8);
        return broken.get(random.nextInt(broken.size()));
    }

    private byte[] mutate(Fixture fixture, Kind kind) {
        byte[] body = fixture.body();
        String text = new String(body, UTF_8);
        return switch (kind) {
            case WRONG_TYPE -> "json".equals(fixture.format()) ? wrongType(body) : replaceValue(fixture.format(), text);
            case MISSING_FIELD -> "json".equals(fixture.format()) ? missingField(body) : dropValue(fixture.format(), text);
            case TRUNCATED -> Arrays.copyOf(body, random.nextInt(Math.max(1, body.length - 1)));
            case BYTE_FLIP -> byteFlips(body);
            case RANDOM_BYTES -> randomBytes(1 + random.nextInt(2048));
            case DEEP_NESTING -> deepNesting(fixture.format());
            case HUGE -> huge(fixture.format(), text);
            case INVALID_UTF8 -> invalidUtf8(body);
            case XML_BOMB -> xmlBomb();
            case XML_EXTERNAL_ENTITY -> ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<r>&x;</r>").getBytes(UTF_8);
            case XML_DOCTYPE -> text.replaceFirst("(<\\?xml[^>]*\\?>)?", "$1<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/r.dtd\">")
                    .getBytes(UTF_8);
        };
    }

    /** A field's value replaced by one of another JSON type: string, number, array, object, boolean or null. */
    private byte[] wrongType(byte[] body) {
        JsonNode root = readJson(body);
        List<ContainerNode<?>> parents = new ArrayList<>();
        collectContainers(root, parents);
        ContainerNode<?> parent = parents.get(random.nextInt(parents.size()));
        JsonNode replacement = otherType();
        if (parent instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            object.set(names.get(random.nextInt(names.size())), replacement);
        } else if (parent instanceof ArrayNode array && array.size() > 0) {
            array.set(random.nextInt(array.size()), replacement);
        }
        return root.toString().getBytes(UTF_8);
    }

    private byte[] missingField(byte[] body) {
        JsonNode root = readJson(body);
        List<ContainerNode<?>> parents = new ArrayList<>();
        collectContainers(root, parents);
        ContainerNode<?> parent = parents.get(random.nextInt(parents.size()));
        if (parent instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            object.remove(names.get(random.nextInt(names.size())));
        } else if (parent instanceof ArrayNode array && array.size() > 0) {
            array.remove(random.nextInt(array.size()));
        }
        return root.toString().getBytes(UTF_8);
    }

    private JsonNode otherType() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(7)) {
            case 0 -> nodes.textNode(randomWord());
            case 1 -> nodes.numberNode(random.nextLong());
            case 2 -> nodes.numberNode(random.nextDouble() * 1e12);
            case 3 -> nodes.arrayNode().add(randomWord()).add(random.nextInt());
            case 4 -> nodes.objectNode().put(randomWord(), randomWord());
            case 5 -> nodes.booleanNode(random.nextBoolean());
            default -> nodes.nullNode();
        };
    }

    private static void collectContainers(JsonNode node, List<ContainerNode<?>> into) {
        if (node instanceof ContainerNode<?> container && node.size() > 0) {
            into.add(container);
            node.forEach(child -> collectContainers(child, into));
        }
    }

    /** In XML, a random element's text; in CSV and fixed width, a random field or span of a data line. */
    private byte[] replaceValue(String format, String text) {
        if ("xml".equals(format)) {
            return replaceXmlText(text, randomWord());
        }
        return replaceInDataLine(text, randomWord());
    }

    private byte[] dropValue(String format, String text) {
        if ("xml".equals(format)) {
            return replaceXmlText(text, "");
        }
        return replaceInDataLine(text, "");
    }

    private byte[] replaceXmlText(String text, String value) {
        List<int[]> spans = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile(">([^<]+)<").matcher(text);
        while (matcher.find()) {
            if (!matcher.group(1).isBlank()) {
                spans.add(new int[] {matcher.start(1), matcher.end(1)});
            }
        }
        if (spans.isEmpty()) {
            return text.getBytes(UTF_8);
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return (text.substring(0, span[0]) + value + text.substring(span[1])).getBytes(UTF_8);
    }

    private byte[] replaceInDataLine(String text, String value) {
        String[] lines = text.split("\n", -1);
        int line = lines.length > 1 ? 1 + random.nextInt(lines.length - 1) : 0;
        String chosen = lines[line];
        if (chosen.isEmpty()) {
            return text.getBytes(UTF_8);
        }
        if (chosen.contains(",")) {
            String[] fields = chosen.split(",", -1);
            fields[random.nextInt(fields.length)] = value;
            lines[line] = String.join(",", fields);
        } else {
            int from = random.nextInt(chosen.length());
            int to = Math.min(chosen.length(), from + 1 + random.nextInt(12));
            String span = (value + " ".repeat(to - from)).substring(0, to - from);
            lines[line] = chosen.substring(0, from) + span + chosen.substring(to);
        }
        return String.join("\n", lines).getBytes(UTF_8);
    }

    private byte[] byteFlips(byte[] body) {
        byte[] copy = body.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] deepNesting(String format) {
        int depth = maxNestingDepth + 1 + random.nextInt(maxNestingDepth * 20);
        if ("xml".equals(format)) {
            return ("<a>".repeat(depth) + "x" + "</a>".repeat(depth)).getBytes(UTF_8);
        }
        boolean arrays = random.nextBoolean();
        return arrays ? ("[".repeat(depth) + "]".repeat(depth)).getBytes(UTF_8)
                : ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(UTF_8);
    }

    private byte[] huge(String format, String text) {
        int padding = maxPayloadBytes + 1 + random.nextInt(64 * 1024);
        if ("json".equals(format) && text.stripLeading().startsWith("{")) {
            return ("{\"padding\":\"" + "x".repeat(padding) + "\"," + text.stripLeading().substring(1)).getBytes(UTF_8);
        }
        return (text + " ".repeat(padding)).getBytes(UTF_8);
    }

    /** A malformed UTF-8 sequence put into the fixture: a lone continuation byte, an overlong form or 0xFF. */
    private byte[] invalidUtf8(byte[] body) {
        byte[][] sequences = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF}, {(byte) 0xC3, (byte) 0x28},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        byte[] sequence = sequences[random.nextInt(sequences.length)];
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        byte[] out = new byte[body.length + sequence.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(sequence, 0, out, at, sequence.length);
        System.arraycopy(body, at, out, at + sequence.length, body.length - at);
        return out;
    }

    private static byte[] xmlBomb() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">");
        }
        return bomb.append("]><lolz>&lol9;</lolz>").toString().getBytes(UTF_8);
    }

    private String randomWord() {
        String[] words = {"", " ", "0", "-1", "1e309", "NaN", "true", "null", "[]", "{}", "2026-13-45T25:61:00Z",
                "ÿÿÿ", "\"", "'", "<x>", "&amp;", "\u0000", "💥", "9".repeat(40), "a".repeat(300)};
        return words[random.nextInt(words.length)];
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String format) {
        return switch (format) {
            case "xml" -> "application/xml";
            case "csv" -> "text/csv";
            case "txt" -> "text/plain";
            default -> "application/json";
        };
    }

    private static List<Fixture> fixtures(Path root, Path mappings) {
        try (Stream<Path> sources = Files.list(root)) {
            List<Fixture> all = new ArrayList<>();
            for (Path folder : sources.sorted().toList()) {
                String source = folder.getFileName().toString();
                if (!Files.exists(mappings.resolve(source + ".jsonata"))) {
                    continue;
                }
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        String name = file.getFileName().toString();
                        if (name.endsWith(".expected.json")) {
                            continue;
                        }
                        String format = name.substring(name.lastIndexOf('.') + 1);
                        all.add(new Fixture(source, format, Files.readAllBytes(file)));
                    }
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
