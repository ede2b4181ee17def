package io.herald.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML payloads into the same tree a JSON payload gives, so mappings treat both alike: elements and attributes
 * become fields, repeated elements become arrays, and the root element's name is kept as the single top-level key
 * ({@code <TrackResponse>…} becomes {@code {"TrackResponse": {…}}}). DTDs and external entities are off: a payload
 * that declares a DOCTYPE is refused, so no entity can read a file or reach the network.
 */
final class XmlPayloads {

    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private final XMLInputFactory stax;
    private final XmlMapper mapper;

    XmlPayloads() {
        stax = XMLInputFactory.newFactory();
        stax.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        stax.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        stax.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        mapper = new XmlMapper(XmlFactory.builder().xmlInputFactory(stax).build());
    }

    static boolean looksLikeXml(byte[] payload) {
        for (byte b : payload) {
            if (b == '<') {
                return true;
            }
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    /**
     * The encoding that the payload's XML declaration names, or UTF-8 (XML's default) when it names none or one this
     * JVM does not know.
     */
    static Charset declaredCharset(byte[] payload) {
        String head = new String(payload, 0, Math.min(payload.length, 200), StandardCharsets.ISO_8859_1);
        Matcher declared = DECLARED_ENCODING.matcher(head);
        if (declared.find()) {
            try {
                return Charset.forName(declared.group(1));
            } catch (IllegalArgumentException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    Object read(byte[] payload) {
        String root = rootElement(payload);
        try {
            JsonNode tree = mapper.readTree(payload);
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put(root, mapper.convertValue(tree, Object.class));
            return wrapped;
        } catch (IOException | RuntimeException e) {
            throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "The payload is not well-formed XML");
        }
    }

    private String rootElement(byte[] payload) {
        XMLStreamReader reader = null;
        try {
            reader = stax.createXMLStreamReader(new ByteArrayInputStream(payload));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamReader.DTD) {
                    throw new IntakeRejectedException(RejectReason.UNPARSEABLE,
                            "XML with a DOCTYPE is not accepted (DTDs and external entities are off)");
                }
                if (event == XMLStreamReader.START_ELEMENT) {
                    return reader.getLocalName();
                }
            }
            throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "The XML has no root element");
        } catch (XMLStreamException e) {
            throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "The payload is not well-formed XML");
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
    }
}
