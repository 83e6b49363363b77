package io.patchserve.search;

import io.patchserve.catalog.ItemRow;
import io.patchserve.catalog.StoredItem;
import io.patchserve.config.SearchConfig;
import io.patchserve.error.ApiException;
import io.patchserve.search.cql2.Cql2Exception;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Item search: resolves names through the queryables, compiles the filter, pages by keyset, and says how
 * many items match — exactly when that is cheap (a whole collection, a last page, or up to the exact-count
 * limit), otherwise the planner's estimate.
 */
@ApplicationScoped
public class SearchService {

    private static final List<SortField> DEFAULT_SORT = List.of(new SortField("datetime", false));

    private final QueryablesService queryables;
    private final KnownValues knownValues;
    private final SearchRepository repository;
    private final SearchConfig config;

    public SearchService(QueryablesService queryables, KnownValues knownValues, SearchRepository repository,
                         SearchConfig config) {
        this.queryables = queryables;
        this.knownValues = knownValues;
        this.repository = repository;
        this.config = config;
    }

    /** One item found: its stored STAC JSON, or its row (always the row for {@link ItemForm#ROWS}). */
    public record Hit(ItemRow row, StoredItem stored) {
    }

    public record Result(List<Hit> hits, SearchCursor next, SearchCursor prev, long matched, boolean matchedExact) {

        /** The items' rows, for a search in {@link ItemForm#ROWS}. */
        public List<ItemRow> items() {
            return hits.stream().map(Hit::row).toList();
        }
    }

    /** Receives the pages of {@link #forEachPage}. */
    public interface PageVisitor {
        void visit(Result page) throws java.io.IOException;
    }

    /**
     * Every match of {@code request}, page after page in its order, following the keyset cursor (the request's
     * own limit and token are ignored): for bulk consumers such as bundles.
     */
    public void forEachPage(SearchRequest request, int pageSize, PageVisitor visitor) throws java.io.IOException {
        String token = null;
        do {
            Result page = search(new SearchRequest(request.collections(), request.ids(), request.bbox(),
                    request.intersects(), request.datetime(), request.filter(), request.sortby(), request.fields(),
                    pageSize, token), ItemForm.ROWS);
            visitor.visit(page);
            token = page.next() == null ? null : page.next().token();
        } while (token != null);
    }

    public Result search(SearchRequest request, ItemForm form) {
        for (var list : Map.of("ids", request.ids(), "collections", request.collections()).entrySet()) {
            if (list.getValue().size() > config.maxListValues()) {
                throw ApiException.badRequest(list.getKey() + " names " + list.getValue().size() + " values, more than the "
                        + config.maxListValues() + " a list may hold here (patchserve.search.max-list-values)");
            }
        }
        Map<String, Queryable> names = queryables.of(request.collections());
        List<SortKey> sort = sortKeys(request.sortby(), names);
        String signature = sort.stream().map(k -> (k.ascending() ? "+" : "-") + k.name()).collect(Collectors.joining(","));
        SearchCursor cursor = SearchCursor.parse(request.token(), signature, sort);

        SqlBuilder filter;
        try {
            filter = request.filter() == null ? null : new FilterCompiler(names, config.maxListValues()).compile(request.filter());
            if (request.filter() != null) {
                // after the compiler, so a filter that is wrong in kind says so before one that is wrong in value
                new FilterValueCheck(knownValues.of(request.collections())).check(request.filter());
            }
        } catch (Cql2Exception e) {
            throw ApiException.badRequest("filter: " + e.getMessage());
        }
        int limit = request.limit();
        Count count;
        if (cursor != null) {
            count = new Count(null, cursor.matched(), cursor.matchedExact());
        } else if (request.onlyCollections()) {
            count = new Count(null, repository.storedCount(request.collections()), true);
        } else {
            count = countFirstPage(SearchSql.where(request, filter), sort, limit, form);
        }
        boolean backward = cursor != null && cursor.backward();
        // a prev page is the next page of the order walked backwards, turned round
        List<SortKey> order = backward ? sort.stream().map(SortKey::reversed).toList() : sort;
        List<SearchRepository.Row> rows = count.rows() != null ? count.rows()
                : page(request, filter, cursor, order, limit + 1, form);
        boolean more = rows.size() > limit;
        List<SearchRepository.Row> page = new ArrayList<>(more ? rows.subList(0, limit) : rows);
        if (backward) {
            java.util.Collections.reverse(page);
        }
        long matched = count.matched();
        boolean exact = count.exact();
        if (cursor == null && !exact) {
            // an estimate cannot be below what this page shows; with no next page, the page is the whole answer
            matched = more ? Math.max(matched, page.size() + 1L) : page.size();
            exact = !more;
        }
        // forward: a next page when more rows came, a prev page when this one was reached through a cursor;
        // backward: the page the cursor came from is next, and a prev page when more rows came before
        boolean hasNext = backward ? !page.isEmpty() : more;
        boolean hasPrev = backward ? more : cursor != null && !page.isEmpty();
        SearchCursor next = hasNext ? new SearchCursor(signature, page.getLast().sortValues(), matched, exact) : null;
        SearchCursor prev = hasPrev ? new SearchCursor(signature, page.getFirst().sortValues(), matched, exact, true) : null;
        return new Result(page.stream().map(row -> new Hit(row.item(), row.stored())).toList(), next, prev, matched, exact);
    }

    /** The rows of a page (limit + 1 of them, to know whether there is a next one). */
    private List<SearchRepository.Row> page(SearchRequest request, SqlBuilder filter, SearchCursor cursor,
                                            List<SortKey> sort, int limit, ItemForm form) {
        boolean byArea = SearchSql.area(request) != null;
        SqlBuilder where = SearchSql.where(request, filter, !byArea);
        if (cursor != null) {
            where = new SqlBuilder().append(where).sql(" AND ").append(SearchSql.after(sort, cursor.values()));
        }
        return byArea
                ? repository.pageByArea(where, SearchSql.intersectsArea(request, "footprint"), sort, limit, form)
                : repository.page(where, sort, limit, form);
    }

    /** How many match, and the first page's rows when counting produced them already (null: still to read). */
    private record Count(List<SearchRepository.Row> rows, long matched, boolean exact) {
    }

    /**
     * numberMatched for a first page. Counting is cheap only when few items match, and the planner says
     * beforehand whether that is likely: at most the exact-count limit expected, the matches are collected
     * once, counted, and the page cut from them; otherwise the planner's estimate stands, uncounted.
     */
    private Count countFirstPage(SqlBuilder where, List<SortKey> sort, int limit, ItemForm form) {
        long cap = config.exactCountLimit();
        long estimate = repository.estimate(where);
        if (estimate > cap) {
            return new Count(null, estimate, false);
        }
        SearchRepository.CountedPage counted = repository.pageCounted(where, sort, limit + 1, cap, form);
        if (counted.matched() <= cap) {
            return new Count(counted.rows(), counted.matched(), true);
        }
        return new Count(null, Math.max(cap + 1, estimate), false);
    }

    private static List<SortKey> sortKeys(List<SortField> requested, Map<String, Queryable> names) {
        List<SortField> fields = new ArrayList<>(requested.isEmpty() ? DEFAULT_SORT : requested);
        List<SortKey> keys = new ArrayList<>();
        for (SortField field : fields) {
            String name = field.field().startsWith("properties.") ? field.field().substring("properties.".length()) : field.field();
            Queryable q = names.get(name);
            if (q == null) {
                throw ApiException.badRequest("sortby: " + new UnknownQueryableException(name, names.keySet()).getMessage());
            }
            if (q.type() == Queryable.Type.ARRAY || q.type() == Queryable.Type.GEOMETRY) {
                throw ApiException.badRequest("sortby: '" + name + "' is " + q.type().name().toLowerCase() + " and cannot be sorted");
            }
            if (keys.stream().noneMatch(k -> k.name().equals(q.name()))) {
                // datetime sorts by the start of the item's time: the same instant for most items, and the
                // column the ordering indexes and the datetime parameter's bound are on
                String sql = q.name().equals("datetime") ? "i.t_start" : q.valueSql();
                keys.add(new SortKey(q.name(), sql, field.ascending(), !q.isCore(), q.type()));
            }
        }
        // Ties are broken by collection and id, so that the order is total and keyset paging exact.
        for (String tie : List.of("collection", "id")) {
            if (keys.stream().noneMatch(k -> k.name().equals(tie))) {
                Queryable q = QueryablesService.CORE.get(tie);
                keys.add(new SortKey(tie, q.valueSql(), true, false, q.type()));
            }
        }
        return keys;
    }
}
