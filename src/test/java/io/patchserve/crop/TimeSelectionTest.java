package io.patchserve.crop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.error.ApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Time selections of crops: steps by index, range, name, instant (nearest) and interval; what is out of range is a 400. */
@Tag("unit")
class TimeSelectionTest {

    private static final List<Instant> DAYS = List.of(Instant.parse("2018-01-01T00:00:00Z"), Instant.parse("2018-01-06T00:00:00Z"),
            Instant.parse("2018-01-11T00:00:00Z"), Instant.parse("2018-01-16T00:00:00Z"));
    private static final JsonNode ITEM;

    static {
        try {
            ITEM = new ObjectMapper().readTree("{\"start_datetime\": \"2018-01-01T00:00:00Z\", \"end_datetime\": \"2018-01-16T00:00:00Z\","
                    + " \"patchserve:selections\": {\"context\": {\"s2\": [0, 1]}, \"target\": {\"s2\": [2, 3]}}}");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static List<Integer> steps(String datetime, String step) {
        return TimeSelection.parse(datetime, step).steps("cube", "s2", DAYS, ITEM);
    }

    @Test
    void stepsAreChosenEachWay() {
        assertThat(steps(null, null)).containsExactly(0, 1, 2, 3);
        assertThat(steps(null, "2")).containsExactly(2);
        assertThat(steps(null, "1..3")).containsExactly(1, 2, 3);
        assertThat(steps(null, "target")).containsExactly(2, 3);
        assertThat(steps("2018-01-09T00:00:00Z", null)).containsExactly(2); // nearest: 11th, not 6th
        assertThat(steps("2018-01-06T00:00:00Z/2018-01-11T00:00:00Z", null)).containsExactly(1, 2);
        assertThat(steps("../2018-01-07T00:00:00Z", null)).containsExactly(0, 1);
        assertThat(steps("2018-01-10T00:00:00Z/..", null)).containsExactly(2, 3);
    }

    @Test
    void badChoicesAre400sThatSayWhy() {
        assertThatThrownBy(() -> steps(null, "4")).isInstanceOf(ApiException.class).hasMessageContaining("past the last step of s2")
                .hasMessageContaining("it has 4 (0..3)");
        assertThatThrownBy(() -> steps(null, "99999999999999")).isInstanceOf(ApiException.class).hasMessageContaining("past the last step");
        assertThatThrownBy(() -> steps(null, "3..1")).isInstanceOf(ApiException.class).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> steps(null, "validation")).isInstanceOf(ApiException.class)
                .hasMessageContaining("(it has [context, target])");
        assertThatThrownBy(() -> steps("2019-01-01T00:00:00Z", null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("lies outside").hasMessageContaining("2018-01-01T00:00:00Z/2018-01-16T00:00:00Z");
        assertThatThrownBy(() -> steps("2018-01-02T00:00:00Z/2018-01-05T00:00:00Z", null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("holds no step of s2");
        assertThatThrownBy(() -> TimeSelection.parse("yesterday", null)).isInstanceOf(ApiException.class).hasMessageContaining("datetime:");
        assertThatThrownBy(() -> TimeSelection.parse("2018-01-01T00:00:00Z", "1")).isInstanceOf(ApiException.class)
                .hasMessageContaining("either datetime or step");
        assertThatThrownBy(() -> TimeSelection.parse(null, " ")).isInstanceOf(ApiException.class).hasMessageContaining("step is empty");
    }
}
