package io.patchserve.web;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The collection page's BibTeX entry stays one well-formed entry whatever a title holds (check_pages.mjs parses it). */
@Tag("unit")
class BibTexTest {

    @Test
    void specialCharactersAreEscapedAndBracesCannotUnbalanceTheEntry() {
        String entry = BibTex.entry("ben v1", "Land {cover} & 50% of_it #1", List.of(
                        new CollectionPage.Provider("TU Berlin", "producer, licensor", ""),
                        new CollectionPage.Provider("Patchserve", "host", "")),
                Instant.parse("2026-03-01T00:00:00Z"), "https://eo.example.org/collections/ben", "10.5281/zenodo.1", "CC-BY-4.0");
        assertThat(entry).startsWith("@misc{ben_v1,\n")
                .contains("title = {{Land cover \\& 50\\% of\\_it \\#1}}")
                .contains("author = {{TU Berlin}}")
                .contains("publisher = {Patchserve}")
                .contains("year = {2026}")
                .contains("howpublished = {\\url{https://eo.example.org/collections/ben}}")
                .contains("doi = {10.5281/zenodo.1}")
                .endsWith("note = {Licence: CC-BY-4.0}\n}");
        assertThat(entry.chars().filter(c -> c == '{').count()).isEqualTo(entry.chars().filter(c -> c == '}').count());
    }
}
