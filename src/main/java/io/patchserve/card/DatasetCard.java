package io.patchserve.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.patchserve.catalog.CollectionChanges;
import io.patchserve.error.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dataset card as publishers write one (Hugging Face's form): YAML front matter between {@code ---} lines, then
 * a Markdown body that describes the dataset. Every front-matter key is optional; an unknown key is refused (a
 * typo would otherwise be silently lost):
 * <pre>
 * title: BigEarthNet-S2 v1
 * license: CDLA-Permissive-1.0            # an SPDX expression, or other / proprietary / various
 * doi: 10.5281/zenodo.123                 # or https://doi.org/10.5281/zenodo.123
 * keywords: [land cover, Sentinel-2]
 * providers:                              # STAC providers: name, roles (licensor, producer, processor, host), url
 *   - {name: TU Berlin, roles: [producer, licensor], url: https://bigearth.net}
 * citation: |                             # BibTeX; its first entry becomes sci:citation's text
 *   &#64;inproceedings{sumbul2019, title = {...}, author = {...}, year = {2019}}
 * classes:                                # per label property: classes in order, each a name or {name, description, color}
 *   labels_19: [{name: Urban fabric, color: "#e6004d"}, Arable land]
 * splits: {train: Patches for fitting, test: Held out}
 * bands: {B10: Not in L2A products}       # notes per band
 * </pre>
 * It becomes {@link CollectionChanges}: the stated fields of the STAC collection (with the scientific
 * extension's sci:doi and sci:citation) and Patchserve's own (patchserve:bibtex, patchserve:class-definitions,
 * patchserve:splits, patchserve:band-notes), which the dataset's page shows.
 */
public record DatasetCard(CollectionChanges changes) {

    public static final String BIBTEX = "patchserve:bibtex";
    public static final String CLASS_DEFINITIONS = "patchserve:class-definitions";
    public static final String SPLITS = "patchserve:splits";
    public static final String BAND_NOTES = "patchserve:band-notes";

    private static final Set<String> KEYS = Set.of("title", "description", "license", "doi", "keywords", "providers",
            "citation", "classes", "splits", "bands");
    private static final Set<String> PROVIDER_KEYS = Set.of("name", "description", "roles", "url");
    private static final Set<String> ROLES = Set.of("licensor", "producer", "processor", "host");
    private static final Set<String> CLASS_KEYS = Set.of("name", "description", "color");
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads a card; an {@link ApiException} (400) names the first thing wrong with it. */
    public static DatasetCard parse(String text) {
        String normalized = text.replace("\r\n", "\n").stripLeading();
        String frontMatter = "";
        String body = normalized;
        if (normalized.startsWith("---\n")) {
            int end = normalized.indexOf("\n---", 3);
            if (end < 0 || (end + 4 < normalized.length() && normalized.charAt(end + 4) != '\n')) {
                throw ApiException.badRequest("card: the front matter that starts with '---' has no closing '---' line");
            }
            frontMatter = normalized.substring(4, end + 1);
            body = normalized.substring(Math.min(normalized.length(), end + 5));
        }
        JsonNode fields;
        try {
            fields = frontMatter.isBlank() ? YAML.createObjectNode() : YAML.readTree(frontMatter);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("card: the front matter is not YAML: " + firstLine(e.getMessage()));
        }
        if (fields == null || fields.isNull()) {
            fields = YAML.createObjectNode();
        }
        if (!fields.isObject()) {
            throw ApiException.badRequest("card: the front matter must be a mapping of keys (title, license, ...)");
        }
        fields.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw ApiException.badRequest("card: unknown key '" + k + "'; a card takes " + new java.util.TreeSet<>(KEYS));
            }
        });
        return new DatasetCard(changes(fields, body.strip()));
    }

    private static CollectionChanges changes(JsonNode f, String body) {
        Map<String, Object> extra = new LinkedHashMap<>();
        String description = !body.isEmpty() ? body : text(f, "description");
        String license = text(f, "license");
        if (license != null) {
            String problem = SpdxLicenses.problem(license);
            if (problem != null) {
                throw ApiException.badRequest("card: " + problem);
            }
        }
        String doi = text(f, "doi");
        if (doi != null) {
            String written = doi;
            extra.put("sci:doi", Dois.parse(doi).orElseThrow(() -> ApiException.badRequest("card: " + Dois.problem("doi", written))));
        }
        String citation = text(f, "citation");
        if (citation != null) {
            BibTexCitation parsed = BibTexCitation.parse(citation);
            extra.put(BIBTEX, parsed.bibtex());
            extra.put("sci:citation", parsed.text());
        }
        if (f.has("providers")) {
            extra.put("providers", providers(f.get("providers")));
        }
        Map<String, List<String>> classes = new LinkedHashMap<>();
        if (f.has("classes")) {
            extra.put(CLASS_DEFINITIONS, classes(f.get("classes"), classes));
        }
        if (f.has("splits")) {
            extra.put(SPLITS, notes(f.get("splits"), "splits"));
        }
        if (f.has("bands")) {
            extra.put(BAND_NOTES, notes(f.get("bands"), "bands"));
        }
        return new CollectionChanges(text(f, "title"), description, license, strings(f, "keywords"), extra, classes);
    }

    private static List<Map<String, Object>> providers(JsonNode list) {
        if (!list.isArray()) {
            throw ApiException.badRequest("card: providers must be a list of {name, roles, url, description}");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode p : list) {
            if (!p.isObject() || text(p, "name") == null) {
                throw ApiException.badRequest("card: every provider needs a name");
            }
            p.fieldNames().forEachRemaining(k -> {
                if (!PROVIDER_KEYS.contains(k)) {
                    throw ApiException.badRequest("card: provider '" + text(p, "name") + "': unknown key '" + k + "'; a provider takes " + new java.util.TreeSet<>(PROVIDER_KEYS));
                }
            });
            Map<String, Object> provider = new LinkedHashMap<>();
            provider.put("name", text(p, "name"));
            if (text(p, "description") != null) {
                provider.put("description", text(p, "description"));
            }
            List<String> roles = strings(p, "roles");
            if (roles != null) {
                for (String role : roles) {
                    if (!ROLES.contains(role)) {
                        throw ApiException.badRequest("card: provider '" + text(p, "name") + "': role '" + role + "' is not one of " + new java.util.TreeSet<>(ROLES));
                    }
                }
                provider.put("roles", roles);
            }
            if (text(p, "url") != null) {
                provider.put("url", text(p, "url"));
            }
            out.add(provider);
        }
        return out;
    }

    /** Class lists per label property into {@code names}; the definitions (description, colour) returned. */
    private static Map<String, Map<String, Map<String, String>>> classes(JsonNode byProperty, Map<String, List<String>> names) {
        if (!byProperty.isObject()) {
            throw ApiException.badRequest("card: classes must map each label property to its list of classes");
        }
        Map<String, Map<String, Map<String, String>>> definitions = new LinkedHashMap<>();
        byProperty.properties().forEach(e -> {
            String property = e.getKey();
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw ApiException.badRequest("card: classes of '" + property + "' must be a non-empty list");
            }
            List<String> list = new ArrayList<>();
            Map<String, Map<String, String>> defined = new LinkedHashMap<>();
            for (JsonNode c : e.getValue()) {
                String name = c.isTextual() ? c.asText() : text(c, "name");
                if (name == null || name.isBlank()) {
                    throw ApiException.badRequest("card: every class of '" + property + "' needs a name");
                }
                if (list.contains(name)) {
                    throw ApiException.badRequest("card: class '" + name + "' is listed twice in '" + property + "'");
                }
                list.add(name);
                if (c.isObject()) {
                    c.fieldNames().forEachRemaining(k -> {
                        if (!CLASS_KEYS.contains(k)) {
                            throw ApiException.badRequest("card: class '" + name + "': unknown key '" + k + "'; a class takes " + new java.util.TreeSet<>(CLASS_KEYS));
                        }
                    });
                    Map<String, String> d = new LinkedHashMap<>();
                    if (text(c, "description") != null) {
                        d.put("description", text(c, "description"));
                    }
                    String color = text(c, "color");
                    if (color != null) {
                        if (!COLOR.matcher(color).matches()) {
                            throw ApiException.badRequest("card: class '" + name + "': color '" + color + "' is not #rrggbb");
                        }
                        d.put("color", color.toLowerCase(java.util.Locale.ROOT));
                    }
                    if (!d.isEmpty()) {
                        defined.put(name, d);
                    }
                }
            }
            names.put(property, List.copyOf(list));
            definitions.put(property, defined);
        });
        return definitions;
    }

    private static Map<String, String> notes(JsonNode map, String key) {
        if (!map.isObject()) {
            throw ApiException.badRequest("card: " + key + " must map each name to a note");
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.properties().forEach(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw ApiException.badRequest("card: " + key + "." + e.getKey() + " must be text");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw ApiException.badRequest("card: " + key + " must be text");
        }
        return v.asText().strip();
    }

    private static List<String> strings(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw ApiException.badRequest("card: " + key + " must be a list");
        }
        List<String> out = new ArrayList<>();
        v.forEach(s -> out.add(s.asText()));
        return out;
    }

    /** A parser's message without the excerpt it appends on further lines, for a one-line refusal. */
    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
