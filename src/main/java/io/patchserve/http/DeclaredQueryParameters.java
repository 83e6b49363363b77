package io.patchserve.http;

import jakarta.enterprise.context.ApplicationScoped;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The query parameters each route accepts, as the OpenAPI contract (openapi/openapi.yaml, served at /q/openapi)
 * declares them: the one list that documentation, clients and the check of unknown parameters share, so that a
 * parameter cannot be accepted without being documented or documented without being accepted.
 */
@ApplicationScoped
public class DeclaredQueryParameters {

    static final String DOCUMENT = "META-INF/openapi.yaml";
    private static final Set<String> METHODS = Set.of("get", "head", "post", "put", "delete", "patch");

    /** One operation: its method, its path template and the query parameters it declares. */
    public record Route(String method, String template, Pattern path, long literalSegments, Set<String> query) {
    }

    private final List<Route> routes;
    private final Map<String, Object> document;

    public DeclaredQueryParameters() {
        this(read());
    }

    DeclaredQueryParameters(Map<String, Object> document) {
        this.document = document;
        this.routes = routes(document);
    }

    /** The contract as read (YAML anchors and aliases resolved), for serving it as JSON. */
    public Map<String, Object> document() {
        return document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the class path");
            }
            return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Route> routes(Map<String, Object> document) {
        Map<String, Object> components = (Map<String, Object>) ((Map<String, Object>) document.getOrDefault("components", Map.of()))
                .getOrDefault("parameters", Map.of());
        List<Route> out = new ArrayList<>();
        ((Map<String, Object>) document.get("paths")).forEach((template, item) -> {
            Map<String, Object> operations = (Map<String, Object>) item;
            List<Object> shared = (List<Object>) operations.getOrDefault("parameters", List.of());
            operations.forEach((method, operation) -> {
                if (!METHODS.contains(method)) {
                    return;
                }
                Set<String> query = new TreeSet<>();
                List<Object> parameters = new ArrayList<>(shared);
                parameters.addAll((List<Object>) ((Map<String, Object>) operation).getOrDefault("parameters", List.of()));
                for (Object p : parameters) {
                    Map<String, Object> parameter = (Map<String, Object>) p;
                    if (parameter.get("$ref") instanceof String ref) {
                        parameter = (Map<String, Object>) components.get(ref.substring(ref.lastIndexOf('/') + 1));
                    }
                    if (parameter != null && "query".equals(parameter.get("in"))) {
                        query.add(String.valueOf(parameter.get("name")));
                    }
                }
                out.add(new Route(method.toUpperCase(Locale.ROOT), template, pattern(template),
                        java.util.Arrays.stream(template.split("/")).filter(s -> !s.startsWith("{")).count(), Set.copyOf(query)));
            });
        });
        // a literal segment is a better match than a template variable in the same place
        out.sort(Comparator.comparingLong(Route::literalSegments).reversed());
        return List.copyOf(out);
    }

    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** The operation a request reaches (HEAD falls back to GET's declaration), if the contract declares it. */
    public Optional<Route> route(String method, String path) {
        String normalised = path.isEmpty() ? "/" : path;
        Optional<Route> found = find(method, normalised);
        return found.isPresent() || !method.equals("HEAD") ? found : find("GET", normalised);
    }

    private Optional<Route> find(String method, String path) {
        return routes.stream().filter(r -> r.method().equals(method) && r.path().matcher(path).matches()).findFirst();
    }
}
