package io.patchserve.web;

import io.patchserve.http.ReleaseIds;
import io.patchserve.release.ReleaseService;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.catalog.ItemCounts;
import io.patchserve.catalog.RasterModels;
import io.patchserve.config.ApiConfig;
import io.patchserve.http.Links;
import io.patchserve.stats.StatisticsService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The datasets' own web pages, rendered on the server for the URLs the JSON resources answer ({@link HtmlNegotiation}
 * routes browsers here): the landing page with every dataset, and each collection's page. Links are absolute
 * through {@link Links}, so they are right behind a gateway prefix.
 */
@Path(HtmlNegotiation.PAGES)
@RunOnVirtualThread
public class PageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance landing(LandingPage page);

        static native TemplateInstance collection(CollectionPage page, ReleasesView releases);

        static native TemplateInstance item(ItemPage page);

        static native TemplateInstance search(SearchPage page);
    }

    private final CatalogService catalog;
    private final ItemCounts counts;
    private final RasterModels models;
    private final StatisticsService statistics;
    private final Links links;
    private final ApiConfig config;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final ReleaseService releases;

    public PageResource(CatalogService catalog, ItemCounts counts, RasterModels models, StatisticsService statistics, Links links,
                        ApiConfig config, com.fasterxml.jackson.databind.ObjectMapper mapper, ReleaseService releases) {
        this.releases = releases;
        this.catalog = catalog;
        this.counts = counts;
        this.models = models;
        this.statistics = statistics;
        this.links = links;
        this.config = config;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String landing() {
        List<LandingPage.Card> cards = new ArrayList<>();
        for (CollectionEntity c : catalog.collections()) {
            ItemCounts.Vocabulary v = counts.of(c);
            cards.add(new LandingPage.Card(c.id, c.title == null ? c.id : c.title, CollectionPage.text(c.license), v.items(),
                    ItemPage.size(v.bytes()),
                    c.extentStart == null ? "" : c.extentStart.toString().substring(0, 10),
                    c.extentEnd == null ? "" : c.extentEnd.toString().substring(0, 10), summary(c.description)));
        }
        return Templates.landing(new LandingPage(links.base(), config.title(), config.description(), cards)).render();
    }

    @GET
    @Path("collections")
    @Produces(MediaType.TEXT_HTML)
    public String collections() {
        return landing();
    }

    @GET
    @Path("collections/{collectionId}")
    @Produces(MediaType.TEXT_HTML)
    public String collection(@PathParam("collectionId") String collectionId) {
        CollectionEntity c = catalog.collection(collectionId);
        JsonNode extra = mapper.valueToTree(c.extra);
        List<CollectionPage.Provider> providers = new ArrayList<>();
        for (JsonNode p : extra.path("providers")) {
            List<String> roles = new ArrayList<>();
            p.path("roles").forEach(r -> roles.add(r.asText()));
            providers.add(new CollectionPage.Provider(p.path("name").asText(), String.join(", ", roles), p.path("url").asText("")));
        }
        Map<String, Object> stats = statistics.document(collectionId);
        ReleasesView releaseView = releases(collectionId);
        String doi = releaseView.releases().stream().filter(ReleasesView.Row::current).map(ReleasesView.Row::doi)
                .filter(d -> !d.isEmpty()).findFirst().orElse(extra.path("sci:doi").asText(""));
        return Templates.collection(CollectionPage.of(links.base(), links.collection(collectionId), c, counts.of(c), models.of(collectionId).orElse(null), stats,
                providers, extra.path("sci:citation").asText(""), doi), releaseView).render();
    }

    /** The page's releases part: empty for a collection never released. */
    private ReleasesView releases(String id) {
        String collectionId = ReleaseIds.collectionOf(id);
        List<io.patchserve.release.Release> all = releases.releases(collectionId);
        ReleaseService.Comparison comparison = all.isEmpty() ? null : releases.comparison(id);
        if (comparison == null) {
            return new ReleasesView(null, "", "", collectionId, links.collection(collectionId), null, null, false, List.of(), "",
                    null, List.of(), "");
        }
        List<io.patchserve.release.ChangelogStore.Entry> entries = new ArrayList<>();
        try {
            releases.forEachChange(comparison, ReleasesView.LISTED, entries::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String changesOf = comparison.previous() == null ? "The first release: every item is new"
                : comparison.current() == null ? "Changes since " + comparison.previous().version() + ", not yet released"
                : "Changes from " + comparison.previous().version();
        return ReleasesView.of(ReleaseIds.versionOf(id).orElse(null), all, links::collection, collectionId, releases.summary(comparison),
                entries, e -> links.item(id, e.id()), changesOf, links.collection(id) + "/changelog");
    }

    @GET
    @Path("collections/{collectionId}/items/{itemId}")
    @Produces(MediaType.TEXT_HTML)
    public String item(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId) {
        CollectionEntity c = catalog.collection(collectionId);
        io.patchserve.catalog.ItemRow item = catalog.item(collectionId, itemId);
        Map<String, String> hrefs = new java.util.LinkedHashMap<>();
        item.assets().keySet().forEach(key -> hrefs.put(key, links.asset(collectionId, itemId, key)));
        return Templates.item(ItemPage.of(links.base(), links.collection(collectionId), links.item(collectionId, itemId),
                c.title == null ? c.id : c.title, item, hrefs,
                models.of(collectionId).orElse(null))).render();
    }

    @GET
    @Path("search")
    @Produces(MediaType.TEXT_HTML)
    public String search() {
        List<SearchPage.Choice> choices = new ArrayList<>();
        java.util.Set<String> splits = new java.util.TreeSet<>();
        for (CollectionEntity c : catalog.collections()) {
            ItemCounts.Vocabulary v = counts.of(c);
            splits.addAll(v.splits().keySet());
            choices.add(new SearchPage.Choice(c.id, c.title == null ? c.id : c.title,
                    v.classes().isEmpty() ? "" : v.classes().keySet().iterator().next()));
        }
        return Templates.search(new SearchPage(links.base(), choices, List.copyOf(splits))).render();
    }

    /** The first sentence of a description, for a card. */
    private static String summary(String description) {
        if (description == null) {
            return "";
        }
        int end = description.indexOf(". ");
        return end < 0 ? description : description.substring(0, end + 1);
    }
}
