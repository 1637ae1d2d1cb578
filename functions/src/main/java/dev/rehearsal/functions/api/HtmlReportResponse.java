package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.workflow.WorkflowParser;
import dev.rehearsal.functions.http.ApiException;
import dev.rehearsal.html.HtmlReportRenderer;
import dev.rehearsal.store.Report;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.WorkflowRepository;
import dev.rehearsal.store.WorkflowVersion;

import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /tests/{id}/report} for a browser: the stored report rendered as one HTML page with the run's
 * workflow version as its graph. In its own class so the HTML module (and ELK behind it) is loaded only
 * when a client asks for text/html, never on the JSON path or at cold start.
 */
final class HtmlReportResponse {
    private HtmlReportResponse() {
    }

    /** True when the Accept header prefers text/html to JSON (a browser does; a bare or JSON accept does not). */
    static boolean wanted(String accept) {
        if (accept == null || accept.isBlank()) return false;
        double html = 0, json = 0;
        int htmlAt = Integer.MAX_VALUE, jsonAt = Integer.MAX_VALUE;
        String[] ranges = accept.split(",");
        for (int i = 0; i < ranges.length; i++) {
            String[] parts = ranges[i].trim().toLowerCase(Locale.ROOT).split(";");
            double q = 1;
            for (int j = 1; j < parts.length; j++) {
                String p = parts[j].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String type = parts[0].trim();
            if (type.equals("text/html") && q > html) {
                html = q;
                htmlAt = i;
            } else if ((type.equals("application/json") || type.equals("application/*")) && q > json) {
                json = q;
                jsonAt = i;
            }
        }
        return html > 0 && (html > json || (html == json && htmlAt < jsonAt));
    }

    static APIGatewayV2HTTPResponse of(String accountId, RunRecord run, Report report, WorkflowRepository workflows) {
        JsonNode document;
        try {
            document = Json.mapper().readTree(report.document());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored report of " + run.runId() + " is not JSON", e);
        }
        WorkflowVersion wv = workflows.get(accountId, run.workflowId(), run.workflowVersion()).orElseThrow(() -> new ApiException(404,
                "not_found", "workflow " + run.workflowId() + " version " + run.workflowVersion() + " of this run is gone"));
        String html = HtmlReportRenderer.render(document, WorkflowParser.parseOrThrow(wv.definition()));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of(
                        "content-type", "text/html; charset=utf-8",
                        "content-security-policy", HtmlReportRenderer.CONTENT_SECURITY_POLICY,
                        "x-content-type-options", "nosniff",
                        "vary", "accept"))
                .withBody(html).withIsBase64Encoded(false).build();
    }
}
