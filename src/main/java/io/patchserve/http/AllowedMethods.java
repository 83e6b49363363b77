package io.patchserve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each route answers, read from the OpenAPI document the service serves (which a test holds to the
 * routes in the code): what a 405's {@code Allow} header lists, and how a request to a known path with a method
 * it lacks is told apart from a request to no path at all.
 */
@ApplicationScoped
public class AllowedMethods {

    private static final Set<String> METHODS = Set.of("get", "head", "post", "put", "patch", "delete", "options");

    private record Route(Pattern path, Set<String> methods) {
    }

    private final List<Route> routes = new ArrayList<>();

    public AllowedMethods() {
        try (InputStream in = AllowedMethods.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(in).path("paths");
            paths.properties().forEach(path -> {
                Set<String> methods = new TreeSet<>();
                path.getValue().fieldNames().forEachRemaining(m -> {
                    if (METHODS.contains(m)) {
                        methods.add(m.toUpperCase(Locale.ROOT));
                    }
                });
                if (methods.contains("GET")) {
                    methods.add("HEAD"); // JAX-RS answers HEAD wherever it answers GET
                }
                methods.add("OPTIONS"); // CORS preflight
                routes.add(new Route(template(path.getKey()), methods));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document cannot be read", e);
        }
    }

    /** The methods of the route {@code path} (decoded, below the API's base) names; empty when it names none. */
    public Optional<String> of(String path) {
        for (Route route : routes) {
            if (route.path().matcher(path).matches()) {
                return Optional.of(String.join(", ", route.methods()));
            }
        }
        return Optional.empty();
    }

    /** "/collections/{collectionId}/items" as a pattern: each parameter one path segment. */
    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
