package io.patchserve.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.stac.MediaTypes;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The API's description where the landing page's links say it is: {@code service-desc} is the OpenAPI contract
 * as {@value MediaTypes#OPENAPI_JSON} (the type OGC API Common names, which /q/openapi does not send), and a
 * browser asking the same URL for HTML is sent to {@code service-doc}, the API reference page (Swagger UI, served
 * from the application itself, no CDN).
 */
@Path("/api")
@RunOnVirtualThread
public class ApiDocumentResource {

    public static final String SERVICE_DOC = "/q/swagger-ui/";

    private final byte[] json;
    private final Links links;

    public ApiDocumentResource(DeclaredQueryParameters contract, ObjectMapper mapper, Links links) throws Exception {
        this.json = mapper.writeValueAsBytes(contract.document());
        this.links = links;
    }

    @GET
    @Produces({MediaTypes.OPENAPI_JSON, MediaType.APPLICATION_JSON})
    public Response json() {
        return Response.ok(json).type(MediaTypes.OPENAPI_JSON).build();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response html() {
        return Response.seeOther(URI.create(links.path(SERVICE_DOC))).build();
    }
}
