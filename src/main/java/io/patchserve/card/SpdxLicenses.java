package io.patchserve.card;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a licence as STAC takes it: an SPDX license expression (ids joined by AND, OR, WITH, in parentheses),
 * or {@code other} / {@code proprietary} / {@code various}. The ids are the SPDX License List's
 * (src/main/resources/spdx, from the npm package spdx-license-ids), deprecated ones included; LicenseRef-
 * ids are a publisher's own.
 */
final class SpdxLicenses {

    private static final Set<String> STAC_WORDS = Set.of("other", "proprietary", "various");
    private static final Pattern TOKEN = Pattern.compile("\\(|\\)|[A-Za-z0-9.+:-]+");
    private static final Map<String, String> IDS = load();

    private SpdxLicenses() {
    }

    private static Map<String, String> load() {
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        for (String file : new String[]{"spdx/license-ids.json", "spdx/deprecated-license-ids.json"}) {
            try (InputStream in = SpdxLicenses.class.getClassLoader().getResourceAsStream(file)) {
                for (var id : json.readTree(in)) {
                    ids.add(id.asText());
                }
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("the SPDX license list " + file + " is missing from the build", e);
            }
        }
        // matched case-insensitively, as SPDX says ids are; kept in their official case
        return ids.stream().collect(Collectors.toUnmodifiableMap(id -> id.toLowerCase(Locale.ROOT), id -> id));
    }

    /** Why {@code license} is not a licence STAC takes, or null when it is. */
    static String problem(String license) {
        if (license == null || license.isBlank()) {
            return "license is empty: give an SPDX id such as CC-BY-4.0, or other, proprietary or various";
        }
        if (STAC_WORDS.contains(license)) {
            return null;
        }
        Matcher m = TOKEN.matcher(license);
        int end = 0, depth = 0;
        boolean wantId = true;
        while (m.find()) {
            if (!license.substring(end, m.start()).isBlank()) {
                return "license '" + license + "' is not an SPDX expression: unexpected '" + license.substring(end, m.start()).trim() + "'";
            }
            end = m.end();
            String t = m.group();
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                if (--depth < 0 || wantId) {
                    return "license '" + license + "' is not an SPDX expression: unbalanced ')'";
                }
            } else if (wantId) {
                String id = t.endsWith("+") ? t.substring(0, t.length() - 1) : t;
                if (!id.startsWith("LicenseRef-") && !IDS.containsKey(id.toLowerCase(Locale.ROOT))) {
                    return "license '" + t + "' is not an SPDX license id" + suggestion(id)
                            + " (see https://spdx.org/licenses/; or other, proprietary, various, LicenseRef-...)";
                }
                wantId = false;
            } else if (t.equals("AND") || t.equals("OR")) {
                wantId = true;
            } else if (t.equals("WITH")) {
                if (!m.find() || !m.group().matches("[A-Za-z0-9.-]+")) {
                    return "license '" + license + "' is not an SPDX expression: WITH needs an exception id";
                }
                end = m.end();
            } else {
                return "license '" + license + "' is not an SPDX expression: expected AND, OR or WITH before '" + t + "'";
            }
        }
        if (!license.substring(end).isBlank() || depth != 0 || wantId) {
            return "license '" + license + "' is not a complete SPDX expression";
        }
        return null;
    }

    /** ", did you mean X?" for an id one edit away from a known one with the same start, as a typo usually is. */
    private static String suggestion(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        return IDS.keySet().stream().filter(k -> k.startsWith(lower) || lower.startsWith(k))
                .min(java.util.Comparator.comparingInt(k -> Math.abs(k.length() - lower.length())))
                .map(k -> "; did you mean " + IDS.get(k) + "?").orElse("");
    }
}
