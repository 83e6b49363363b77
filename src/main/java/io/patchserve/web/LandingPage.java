package io.patchserve.web;

import java.util.List;

/** The landing page: every dataset as a card. */
public record LandingPage(String base, String title, String description, List<Card> collections) {

    /** One dataset: what a person needs to choose it; its thumbnail is its first item's preview, fetched by the page. */
    public record Card(String id, String title, String license, long items, String size, String start, String end, String summary) {
    }
}
