package io.herald.normalize;

import io.herald.config.HeraldProperties.Source;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the tabular payloads of legacy sources, CSV (RFC 4180) and fixed-width text, into the tree a mapping sees: an
 * array of objects, one per record, keyed by the header's names (CSV) or the configured column names (fixed-width),
 * every value a string. The text is UTF-8, with or without a byte order mark. CSV values are kept as written;
 * fixed-width values are trimmed. Blank lines are skipped.
 *
 * <p>{@link #split} cuts a file into one self-contained payload per record (a CSV record keeps the header), so a file
 * drop can publish the valid records and refuse the others one by one.
 */
final class TabularPayloads {

    static final String CSV = "csv";
    static final String FIXED_WIDTH = "fixed-width";

    /** Whether this source's payloads are tabular rather than JSON or XML. */
    static boolean handles(Source source) {
        String format = source.format();
        if (format == null || format.isBlank()) {
            return false;
        }
        if (format.equals(CSV) || format.equals(FIXED_WIDTH)) {
            return true;
        }
        throw new IllegalStateException("Unknown source format '" + format + "': use csv or fixed-width");
    }

    /** The records of a payload, as objects keyed by column name. */
    List<Map<String, String>> read(byte[] payload, Source source) {
        String text = decode(payload);
        List<Map<String, String>> records = new ArrayList<>();
        if (CSV.equals(source.format())) {
            List<List<String>> rows = csv(text, delimiter(source));
            List<String> header = header(rows);
            for (int r = 1; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (row.size() != header.size()) {
                    throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "Record " + r + " has " + row.size()
                            + " fields; the header has " + header.size());
                }
                Map<String, String> record = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    record.put(header.get(c), row.get(c));
                }
                records.add(record);
            }
        } else {
            List<Column> columns = columns(source);
            for (String line : lines(text)) {
                Map<String, String> record = new LinkedHashMap<>();
                for (Column column : columns) {
                    record.put(column.name(), column.cut(line));
                }
                records.add(record);
            }
        }
        if (records.isEmpty()) {
            throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "The payload has no records");
        }
        return records;
    }

    /** One payload per record, each readable on its own by {@link #read}. */
    List<byte[]> split(byte[] payload, Source source) {
        String text = decode(payload);
        List<byte[]> parts = new ArrayList<>();
        if (CSV.equals(source.format())) {
            char delimiter = delimiter(source);
            List<List<String>> rows = csv(text, delimiter);
            String header = write(header(rows), delimiter);
            for (int r = 1; r < rows.size(); r++) {
                parts.add((header + write(rows.get(r), delimiter)).getBytes(StandardCharsets.UTF_8));
            }
        } else {
            columns(source);
            for (String line : lines(text)) {
                parts.add((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (parts.isEmpty()) {
            throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "The payload has no records");
        }
        return parts;
    }

    private static String decode(byte[] payload) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "The payload is not UTF-8 text");
        }
    }

    private static char delimiter(Source source) {
        String delimiter = source.delimiter();
        if (delimiter == null || delimiter.isEmpty()) {
            return ',';
        }
        if (delimiter.length() != 1 || delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\n'
                || delimiter.charAt(0) == '\r') {
            throw new IllegalStateException("A CSV delimiter is one character other than a quote or line break");
        }
        return delimiter.charAt(0);
    }

    private static List<String> header(List<List<String>> rows) {
        if (rows.isEmpty()) {
            throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "The CSV has no header row");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : rows.get(0)) {
            String trimmed = name.strip();
            if (trimmed.isEmpty() || !seen.add(trimmed)) {
                throw new IntakeRejectedException(RejectReason.UNPARSEABLE,
                        "The CSV header has an empty or repeated column name");
            }
            names.add(trimmed);
        }
        return names;
    }

    /**
     * RFC 4180 records: fields separated by the delimiter, records by CRLF or LF; a field in double quotes may hold
     * the delimiter, line breaks and doubled quotes. A blank line is no record.
     */
    static List<List<String>> csv(String text, char delimiter) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean closed = false;
        int line = 1;
        int recordLine = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                    closed = true;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
                i++;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                closed = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                fields.add(field.toString());
                if (fields.size() > 1 || closed || !fields.get(0).isEmpty()) {
                    records.add(fields);
                }
                fields = new ArrayList<>();
                field.setLength(0);
                closed = false;
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                recordLine = line;
            } else if (c == '"' && field.isEmpty() && !closed) {
                quoted = true;
                i++;
            } else if (closed || c == '"') {
                throw new IntakeRejectedException(RejectReason.UNPARSEABLE, "Line " + line
                        + " has a quote inside a field that is not quoted as a whole");
            } else {
                field.append(c);
                i++;
            }
        }
        if (quoted) {
            throw new IntakeRejectedException(RejectReason.UNPARSEABLE,
                    "A quoted field that starts on line " + recordLine + " is never closed");
        }
        fields.add(field.toString());
        if (fields.size() > 1 || closed || !fields.get(0).isEmpty()) {
            records.add(fields);
        }
        return records;
    }

    private static String write(List<String> fields, char delimiter) {
        StringBuilder line = new StringBuilder();
        for (String field : fields) {
            if (!line.isEmpty()) {
                line.append(delimiter);
            }
            if (field.indexOf(delimiter) >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                    || field.indexOf('\r') >= 0) {
                line.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                line.append(field);
            }
        }
        return line.append("\r\n").toString();
    }

    private static List<String> lines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    /** A fixed-width column: a name and its 1-based, inclusive character positions. */
    record Column(String name, int from, int to) {

        String cut(String line) {
            if (line.length() < from) {
                return "";
            }
            return line.substring(from - 1, Math.min(to, line.length())).strip();
        }
    }

    /** The layout of a fixed-width source, from {@code herald.sources.<id>.columns}. */
    static List<Column> columns(Source source) {
        String layout = source.columns();
        if (layout == null || layout.isBlank()) {
            throw new IllegalStateException("A fixed-width source needs its columns, e.g. orderId:1-12,status:13-20");
        }
        List<Column> columns = new ArrayList<>();
        for (String entry : layout.split(",")) {
            String[] nameAndRange = entry.strip().split(":");
            String[] range = nameAndRange.length == 2 ? nameAndRange[1].split("-") : new String[0];
            try {
                Column column = new Column(nameAndRange[0].strip(), Integer.parseInt(range[0].strip()),
                        Integer.parseInt(range[1].strip()));
                if (column.name().isEmpty() || column.from() < 1 || column.to() < column.from()) {
                    throw new IllegalArgumentException();
                }
                columns.add(column);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Fixed-width column '" + entry.strip()
                        + "' is not name:from-to with 1 <= from <= to");
            }
        }
        return columns;
    }
}
