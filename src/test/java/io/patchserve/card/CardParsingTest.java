package io.patchserve.card;

import io.patchserve.catalog.CollectionChanges;
import io.patchserve.error.ApiException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A card's front matter and body, as publishers write them, and the licences STAC takes. */
@Tag("unit")
class CardParsingTest {

    @Test
    void licencesAreSpdxExpressionsOrStacsWords() {
        for (String ok : List.of("MIT", "cc-by-4.0", "MIT OR Apache-2.0", "(MIT AND BSD-3-Clause) OR CC0-1.0",
                "GPL-2.0-or-later WITH Classpath-exception-2.0", "LicenseRef-ESA-Sentinel", "GPL-2.0+", "proprietary", "various", "other")) {
            assertThat(SpdxLicenses.problem(ok)).as(ok).isNull();
        }
        assertThat(SpdxLicenses.problem("CC-BY-4")).contains("did you mean CC-BY-4.0?");
        for (String bad : List.of("", "MIT OR", "MIT Apache-2.0", "(MIT", "MIT)", "MIT WITH", "Public Domain", "MIT; BSD")) {
            assertThat(SpdxLicenses.problem(bad)).as(bad).isNotNull();
        }
    }

    @Test
    void onlyWhatTheCardStatesIsAChange() {
        CollectionChanges changes = DatasetCard.parse("---\nlicense: MIT\nclasses: {labels: [b, {name: a, color: \"#AABBCC\"}]}\n---\n").changes();
        assertThat(changes.title()).isNull();
        assertThat(changes.description()).isNull();
        assertThat(changes.license()).isEqualTo("MIT");
        assertThat(changes.classes()).isEqualTo(Map.of("labels", List.of("b", "a")));
        assertThat(changes.extra()).containsEntry(DatasetCard.CLASS_DEFINITIONS, Map.of("labels", Map.of("a", Map.of("color", "#aabbcc"))));

        CollectionChanges bodyOnly = DatasetCard.parse("# Just a description\n\nNo front matter.").changes();
        assertThat(bodyOnly.description()).isEqualTo("# Just a description\n\nNo front matter.");
        assertThat(bodyOnly.license()).isNull();
    }

    @Test
    void flagsOfARunWinOverItsCard() {
        CollectionChanges card = DatasetCard.parse("---\ntitle: From the card\nlicense: MIT\n---\nBody").changes();
        CollectionChanges run = card.then(new CollectionChanges("From the flag", null, null, null, Map.of(), Map.of()));
        assertThat(run.title()).isEqualTo("From the flag");
        assertThat(run.license()).isEqualTo("MIT");
        assertThat(run.description()).isEqualTo("Body");
    }

    @Test
    void bibtexBecomesTheCitationText() {
        BibTexCitation c = BibTexCitation.parse("@inproceedings{s19, author = {Sumbul, Gencer and Demir, Beg{\\\"u}m},"
                + " title = {{BigEarthNet}: A Large-Scale Benchmark Archive}, booktitle = {IGARSS}, year = 2019, month = jul}");
        assertThat(c.text()).isEqualTo("Sumbul, Gencer and Demir, Begüm (2019). BigEarthNet: A Large-Scale Benchmark Archive. IGARSS.");
        assertThatThrownBy(() -> BibTexCitation.parse("@misc{x, title = {a}")).isInstanceOf(ApiException.class)
                .hasMessageContaining("not valid BibTeX");
        assertThatThrownBy(() -> BibTexCitation.parse("@misc{x, author = {A}}")).hasMessageContaining("has no title");
    }
}
