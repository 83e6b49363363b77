package io.patchserve.http;

import io.patchserve.config.ApiConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL at which clients reach this service, for absolute links. In order: the configured base URL; the
 * gateway's Forwarded or X-Forwarded-Proto/-Host/-Prefix headers when they are trusted; the request itself.
 */
@ApplicationScoped
public class ExternalBaseUrl {

    private static final Pattern FORWARDED_PAIR = Pattern.compile("(?i)\\b(proto|host)=(\"[^\"]*\"|[^;,\\s]+)");
    private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+");
    private static final Pattern SAFE_PREFIX = Pattern.compile("(/[A-Za-z0-9._~\\-]+)*");

    private final ApiConfig config;

    public ExternalBaseUrl(ApiConfig config) {
        this.config = config;
    }

    /** Scheme, authority and path prefix, without a trailing slash. */
    public String of(HttpServerRequest request) {
        if (config.baseUrl().isPresent()) {
            return stripTrailingSlash(config.baseUrl().get());
        }
        String scheme = request.scheme();
        String host = request.authority() != null ? request.authority().toString() : request.getHeader("Host");
        String prefix = "";
        if (config.trustForwardedHeaders()) {
            String forwarded = request.getHeader("Forwarded");
            if (forwarded != null) {
                // Only the first element: the one the outermost proxy (the gateway) wrote.
                String first = forwarded.split(",", 2)[0];
                Matcher m = FORWARDED_PAIR.matcher(first);
                while (m.find()) {
                    String value = m.group(2).replace("\"", "");
                    if (m.group(1).equalsIgnoreCase("proto")) {
                        scheme = value;
                    } else {
                        host = value;
                    }
                }
            } else {
                scheme = firstValue(request.getHeader("X-Forwarded-Proto"), scheme);
                host = firstValue(request.getHeader("X-Forwarded-Host"), host);
                String port = firstValue(request.getHeader("X-Forwarded-Port"), null);
                if (port != null && host != null && !host.contains(":") && !isDefaultPort(scheme, port)) {
                    host = host + ":" + port;
                }
            }
            prefix = normalisePrefix(firstValue(request.getHeader("X-Forwarded-Prefix"), ""));
        }
        scheme = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            scheme = "http";
        }
        if (host == null || !SAFE_HOST.matcher(host).matches()) {
            host = "localhost";
        }
        return scheme + "://" + host + prefix;
    }

    private static String firstValue(String header, String fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        return header.split(",", 2)[0].trim();
    }

    private static boolean isDefaultPort(String scheme, String port) {
        return ("https".equalsIgnoreCase(scheme) && port.equals("443")) || ("http".equalsIgnoreCase(scheme) && port.equals("80"));
    }

    private static String normalisePrefix(String prefix) {
        String p = stripTrailingSlash(prefix.trim());
        if (p.isEmpty()) {
            return "";
        }
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return SAFE_PREFIX.matcher(p).matches() ? p : "";
    }

    private static String stripTrailingSlash(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
