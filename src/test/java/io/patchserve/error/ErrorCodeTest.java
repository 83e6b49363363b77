package io.patchserve.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The one error vocabulary: what the OpenAPI document promises clients is exactly what the service can send. */
@Tag("unit")
class ErrorCodeTest {

    @Test
    void theOpenApiErrorCodesAreTheEnumsCodes() throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
        JsonNode documented = spec.at("/components/schemas/Error/properties/code/enum");
        List<String> codes = StreamSupport.stream(documented.spliterator(), false).map(JsonNode::asText).toList();
        assertThat(codes).containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
    }

    @Test
    void everyCodeIsAnErrorStatusAndNamedOnce() {
        assertThat(ErrorCode.values()).allSatisfy(c -> assertThat(c.status()).isBetween(400, 599));
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList()).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[A-Z][A-Za-z]+"));
    }
}
