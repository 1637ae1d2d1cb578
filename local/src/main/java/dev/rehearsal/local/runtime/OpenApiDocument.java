package dev.rehearsal.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.functions.http.ApiException;
import dev.rehearsal.functions.http.Responses;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /openapi.json}: the API's contract (api/openapi.yaml beside the template) as JSON, for
 * clients and tools that read it from the running API. Read when asked, so an edited document is
 * served without a restart; no token needed (it describes the API, it holds no account's data).
 */
final class OpenApiDocument {
    static final String PATH = "/openapi.json";
    private final Path file;

    OpenApiDocument(Path template) {
        Path dir = template.toAbsolutePath().getParent();
        this.file = (dir == null ? Path.of("") : dir).resolve("api").resolve("openapi.yaml");
    }

    APIGatewayV2HTTPResponse answer(String method) {
        if (!method.equals("GET")) {
            throw new ApiException(405, "method_not_allowed", method + " is not allowed on " + PATH + "; allowed: GET")
                    .withHeader("allow", "GET");
        }
        if (!Files.isRegularFile(file)) {
            throw new ApiException(404, "not_found", "no OpenAPI document at " + file);
        }
        try {
            Object tree = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(Files.readString(file));
            return Responses.json(200, Json.tree(tree));
        } catch (IOException | RuntimeException e) {
            throw new ApiException(500, "openapi_unreadable", "api/openapi.yaml cannot be read: " + e.getMessage());
        }
    }
}
