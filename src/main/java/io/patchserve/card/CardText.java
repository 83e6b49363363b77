package io.patchserve.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.catalog.LabelNomenclatures;

import java.util.Map;

/**
 * A collection written as its dataset card, the form {@link DatasetCard#parse} reads: what GET …/card answers,
 * so a publisher can edit the card the collection has and PUT it back.
 */
final class CardText {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    private CardText() {
    }

    static String of(CollectionEntity c, ObjectMapper json) {
        JsonNode extra = json.valueToTree(c.extra == null ? Map.of() : c.extra);
        ObjectNode front = YAML.createObjectNode();
        if (c.title != null) {
            front.put("title", c.title);
        }
        if (c.license != null) {
            front.put("license", c.license);
        }
        copy(extra, "sci:doi", front, "doi");
        if (c.keywords != null && !c.keywords.isEmpty()) {
            ArrayNode k = front.putArray("keywords");
            c.keywords.forEach(k::add);
        }
        copy(extra, "providers", front, "providers");
        copy(extra, DatasetCard.BIBTEX, front, "citation");
        JsonNode nomenclatures = extra.path(LabelNomenclatures.KEY);
        if (nomenclatures.isObject() && !nomenclatures.isEmpty()) {
            ObjectNode classes = front.putObject("classes");
            nomenclatures.properties().forEach(e -> {
                ArrayNode list = classes.putArray(e.getKey());
                for (JsonNode name : e.getValue()) {
                    JsonNode defined = extra.path(DatasetCard.CLASS_DEFINITIONS).path(e.getKey()).path(name.asText());
                    if (defined.isObject() && !defined.isEmpty()) {
                        ObjectNode c1 = list.addObject().put("name", name.asText());
                        c1.setAll((ObjectNode) defined);
                    } else {
                        list.add(name.asText());
                    }
                }
            });
        }
        copy(extra, DatasetCard.SPLITS, front, "splits");
        copy(extra, DatasetCard.BAND_NOTES, front, "bands");
        try {
            return "---\n" + YAML.writeValueAsString(front) + "---\n\n" + (c.description == null ? "" : c.description.strip() + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a card's front matter is plain data", e);
        }
    }

    private static void copy(JsonNode from, String key, ObjectNode to, String as) {
        JsonNode v = from.get(key);
        if (v != null && !v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
            to.set(as, v);
        }
    }
}
