package io.odoohub.catalog.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.support.Json;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a dropped product file: CSV with a header line, or JSON (an array of objects, or {@code {"products": [...]}}).
 * A file that cannot be read at all is refused with the reason. A row without a key is kept: the flow turns it into
 * a dead letter that says so.
 */
public final class ProductFileParser {

    /** The product's key in the hub: supplier_reference, else ean; null when it has neither. */
    public static String keyOf(Map<String, String> fields) {
        return fields == null ? null : fields.getOrDefault("supplier_reference", fields.get("ean"));
    }

    /** Every non-empty row of the file, as column -> value (lower-case column names, trimmed values). */
    public List<Map<String, String>> readRows(String fileName, String content) {
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return readJson(fileName, content);
        } else if (lower.endsWith(".csv")) {
            return readCsv(fileName, content);
        }
        throw new IllegalArgumentException("product file '" + fileName + "' is neither .csv nor .json");
    }

    private static List<Map<String, String>> readCsv(String fileName, String content) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(false).build();
        List<Map<String, String>> out = new ArrayList<>();
        try (Reader reader = new StringReader(stripBom(content)); CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            if (header.isEmpty()) {
                throw new IllegalArgumentException("product file '" + fileName + "' has no header line");
            }
            for (CSVRecord record : parser) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (int c = 0; c < header.size() && c < record.size(); c++) {
                    String v = record.get(c);
                    if (v != null && !v.isBlank()) {
                        fields.put(header.get(c), v.trim());
                    }
                }
                if (!fields.isEmpty()) {
                    out.add(fields);
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("product file '" + fileName + "' is not valid CSV: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<Map<String, String>> readJson(String fileName, String content) {
        JsonNode root;
        try {
            root = Json.PRODUCT_FILE.readTree(stripBom(content));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("product file '" + fileName + "' is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("product file '" + fileName + "' could not be read: " + e.getMessage(), e);
        }
        if (root != null && root.isObject() && root.has("products")) {
            root = root.get("products");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("product file '" + fileName + "' must hold a JSON array of products (or {\"products\": [...]})");
        }
        List<Map<String, String>> out = new ArrayList<>();
        int position = 0;
        for (JsonNode node : root) {
            position++;
            if (!node.isObject()) {
                throw new IllegalArgumentException("product file '" + fileName + "': entry " + position + " is not an object");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isNull() || v.isContainerNode()) {
                    continue;
                }
                String text = v.asText().trim();
                if (!text.isEmpty()) {
                    fields.put(e.getKey().trim().toLowerCase(Locale.ROOT), text);
                }
            }
            out.add(fields);
        }
        return out;
    }

    private static String stripBom(String s) {
        return s != null && !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }
}
