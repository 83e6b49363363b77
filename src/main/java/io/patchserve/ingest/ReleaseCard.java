package io.patchserve.ingest;

import io.patchserve.card.DatasetCard;
import io.patchserve.catalog.CollectionChanges;
import io.patchserve.error.ApiException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A dataset card shipped with a release, as Hugging Face datasets ship theirs: {@value #FILE} at the root of a
 * folder release, taken as the card when it opens with YAML front matter ({@code ---}); a plain README is the
 * dataset's own text and left alone. Archives are not looked into for one (give {@code --card}). The card file
 * is the release's description, not one of its patches: the walk passes it by.
 */
final class ReleaseCard {

    static final String FILE = "README.md";
    private static final long MAX_BYTES = 1 << 20;

    private ReleaseCard() {
    }

    /** The card's changes, or none when the release ships no card. A card that cannot be used is a 400. */
    static CollectionChanges of(Path source) {
        Path file = cardFile(source);
        if (file == null) {
            return CollectionChanges.NONE;
        }
        try {
            return DatasetCard.parse(Files.readString(file)).changes();
        } catch (IOException e) {
            throw ApiException.badRequest("the release's " + FILE + " could not be read: " + e.getMessage());
        } catch (ApiException e) {
            throw ApiException.badRequest("the release's " + FILE + ": " + e.getMessage());
        }
    }

    /** Whether a unit of the walk is the release's card (relative name as the walk gives it). */
    static boolean isCard(Path source, String unitName) {
        return unitName.equals(FILE) && cardFile(source) != null;
    }

    private static Path cardFile(Path source) {
        Path file = source.resolve(FILE);
        try {
            if (!Files.isDirectory(source) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
                return null;
            }
            try (var lines = Files.lines(file)) {
                return lines.findFirst().map(String::strip).filter(l -> l.equals("---")).isPresent() ? file : null;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }
}
