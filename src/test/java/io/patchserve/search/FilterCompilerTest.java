package io.patchserve.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.search.cql2.Cql2Exception;
import io.patchserve.search.cql2.Cql2JsonParser;
import io.patchserve.search.cql2.Cql2TextParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CQL2 to SQL over the item table, without a database: the conditions each kind of filter becomes (so the
 * indexes named in the migrations can answer them), literals always as parameters, and type errors refused
 * before any SQL is run. The same filters run against PostGIS in SearchFilterTest.
 */
@Tag("unit")
class FilterCompilerTest {

    private static final Map<String, Queryable> NAMES = new LinkedHashMap<>(QueryablesService.CORE);

    static {
        NAMES.put("split", Queryable.property("split", Queryable.Type.STRING, null));
        NAMES.put("labels", Queryable.property("labels", Queryable.Type.ARRAY, Queryable.Type.STRING));
        NAMES.put("eo:cloud_cover", Queryable.property("eo:cloud_cover", Queryable.Type.NUMBER, null));
        NAMES.put("sat:relative_orbit", Queryable.property("sat:relative_orbit", Queryable.Type.NUMBER, null));
        NAMES.put("platform", Queryable.property("platform", Queryable.Type.STRING, null));
        NAMES.put("updated", Queryable.property("updated", Queryable.Type.TIMESTAMP, null));
    }

    private static SqlBuilder compile(String cql2Text) {
        return new FilterCompiler(NAMES, 1000).compile(Cql2TextParser.parse(cql2Text));
    }

    private static void assertSql(String filter, String sql, String params) {
        SqlBuilder compiled = compile(filter);
        assertThat(compiled.text()).as(filter).isEqualTo(sql);
        assertThat(compiled.params().toString()).as(filter).isEqualTo(params);
    }

    @Test
    void theSplitIsTestedOnItsOwnColumnWithoutMatchingMissingSplits() {
        assertSql("split = 'train'", "(i.split IS NOT NULL AND i.split = ?)", "[train]");
        assertSql("split IN ('train','validation')", "(i.split IS NOT NULL AND i.split = ANY(?))",
                "[TextArray[values=[train, validation]]]");
        assertSql("NOT split = 'test'", "NOT ((i.split IS NOT NULL AND i.split = ?))", "[test]");
    }

    @Test
    void equalityOnOtherPropertiesIsJsonbContainmentForTheGinIndex() {
        assertSql("sat:relative_orbit = 22", "i.properties @> ?::jsonb", "[Jsonb[json={\"sat:relative_orbit\":22}]]");
        assertSql("split <> 'test'", "(i.properties->'split' IS NOT NULL AND NOT i.properties @> ?::jsonb)",
                "[Jsonb[json={\"split\":\"test\"}]]");
        assertSql("A_CONTAINS(labels, ('Pastures'))", "i.properties @> ?::jsonb", "[Jsonb[json={\"labels\":[\"Pastures\"]}]]");
        assertSql("A_OVERLAPS(labels, ('Pastures','Beaches'))", "(i.properties @> ?::jsonb OR i.properties @> ?::jsonb)",
                "[Jsonb[json={\"labels\":[\"Pastures\"]}], Jsonb[json={\"labels\":[\"Beaches\"]}]]");
    }

    @Test
    void orderingsCastTheValueAndSkipRowsOfAnotherType() {
        assertSql("eo:cloud_cover < 10", "((CASE WHEN jsonb_typeof(i.properties->'eo:cloud_cover') = 'number' "
                + "THEN (i.properties->>'eo:cloud_cover')::float8 END) < ?)", "[10.0]");
        assertSql("eo:cloud_cover BETWEEN 1 AND 2", "((CASE WHEN jsonb_typeof(i.properties->'eo:cloud_cover') = 'number' "
                + "THEN (i.properties->>'eo:cloud_cover')::float8 END) BETWEEN ? AND ?)", "[1.0, 2.0]");
        assertSql("platform LIKE 'sentinel-2%'", "(i.properties->>'platform') LIKE ?", "[sentinel-2%]");
        assertSql("labels IS NULL", "(i.properties->'labels' IS NULL OR jsonb_typeof(i.properties->'labels') = 'null')", "[]");
    }

    @Test
    void coreFieldsAreColumnsAndTimesAreInstants() {
        assertSql("id = 'x' OR collection = 'c'", "((i.id = ?) OR (i.collection_id = ?))", "[x, c]");
        assertSql("datetime > TIMESTAMP('2020-01-01T00:00:00Z')", "(i.dt > ?)", "[2020-01-01T00:00:00Z]");
        assertSql("updated >= DATE('2020-01-01')", "(ps_timestamptz(i.properties->>'updated') >= ?)", "[2020-01-01T00:00:00Z]");
        assertSql("T_INTERSECTS(datetime, INTERVAL('2020-01-01T00:00:00Z', '..'))",
                "(i.t_start <= 'infinity'::timestamptz AND i.t_end >= ?)", "[2020-01-01T00:00:00Z]");
        assertSql("S_INTERSECTS(geometry, POINT(10 50))", "ST_Intersects(i.geometry, ST_GeomFromText(?, 4326))", "[POINT (10 50)]");
    }

    @Test
    void noLiteralIsEverWrittenIntoTheSql() {
        SqlBuilder compiled = compile("platform = 'x'' OR TRUE --' AND split IN ('a'');DROP TABLE item;--')");
        assertThat(compiled.text()).doesNotContain("DROP").doesNotContain("--");
    }

    @Test
    void bothEncodingsCompileToTheSameSql() throws Exception {
        String json = """
                {"op": "and", "args": [
                  {"op": "=", "args": [{"property": "split"}, "train"]},
                  {"op": "a_overlaps", "args": [{"property": "labels"}, ["Pastures", "Beaches"]]},
                  {"op": "<", "args": [{"property": "eo:cloud_cover"}, 10]}]}""";
        SqlBuilder fromJson = new FilterCompiler(NAMES, 1000).compile(Cql2JsonParser.parse(new ObjectMapper().readTree(json)));
        SqlBuilder fromText = compile("split = 'train' AND A_OVERLAPS(labels, ('Pastures', 'Beaches')) AND eo:cloud_cover < 10");
        assertThat(fromJson.text()).isEqualTo(fromText.text());
        assertThat(fromJson.params().toString()).isEqualTo(fromText.params().toString());
    }

    @Test
    void longListsAreRefusedBeforeAnySqlIsMade() {
        String values = String.join(",", java.util.stream.IntStream.range(0, 1001).mapToObj(Integer::toString).toList());
        assertThatThrownBy(() -> compile("sat:relative_orbit IN (" + values + ")")).isInstanceOf(Cql2Exception.class)
                .hasMessageContaining("1001 values, more than the 1000");
        assertThatThrownBy(() -> compile("A_OVERLAPS(labels, (" + values + "))")).isInstanceOf(Cql2Exception.class)
                .hasMessageContaining("1001 values");
        assertThat(compile("sat:relative_orbit IN (" + values.substring(0, values.lastIndexOf(',')) + ")").params()).hasSize(1000);
    }

    @Test
    void typeErrorsAndUnknownNamesAreRefusedWithAReason() {
        assertThatThrownBy(() -> compile("eo:cloud_cover = 'ten'")).isInstanceOf(Cql2Exception.class)
                .hasMessageContaining("cannot compare number with string");
        assertThatThrownBy(() -> compile("cloudiness < 10")).isInstanceOf(UnknownQueryableException.class)
                .hasMessageContaining("'cloudiness' is not a queryable here");
        assertThatThrownBy(() -> compile("A_CONTAINS(platform, ('x'))")).isInstanceOf(Cql2Exception.class)
                .hasMessageContaining("needs an array property");
        assertThatThrownBy(() -> compile("T_INTERSECTS(platform, TIMESTAMP('2020-01-01T00:00:00Z'))"))
                .isInstanceOf(Cql2Exception.class).hasMessageContaining("need a timestamp");
    }
}
