package dev.rehearsal.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.workflow.Workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import static dev.rehearsal.html.Html.esc;

/**
 * The report as one self-contained HTML page: inline CSS, script and SVG, nothing fetched. The page's
 * Content-Security-Policy allows only its own style and script, by hash, so it also works inside a CRM's
 * iframe under a strict policy (no inline event handlers; the script binds its own listeners).
 *
 * <p>Input is the report document as the engine writes it ({@code JsonReportRenderer}) and the API stores
 * it, plus the workflow it ran, for the graph.
 */
public final class HtmlReportRenderer {
    static final String CSS = resource("report.css");
    static final String JS = resource("report.js");
    /** The policy the page declares; the API sends the same as a header. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(CSS) + "'; script-src '"
            + sha256(JS) + "'; img-src data:; base-uri 'none'; form-action 'none'";

    private HtmlReportRenderer() {
    }

    public static String render(JsonNode report, Workflow workflow) {
        ReportView r = new ReportView(report);
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(esc(CONTENT_SECURITY_POLICY)).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Rehearsal: ").append(esc(r.workflowName())).append(" \u2014 ")
                .append(esc(HeaderSection.VERDICT_WORDS.getOrDefault(r.verdict(), r.verdict()))).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        HeaderSection.render(b, r);
        b.append("<nav aria-label=\"Sections\"><ul><li><a href=\"#workflow\">Workflow</a></li><li><a href=\"#personas\">Personas</a></li>")
                .append("<li><a href=\"#findings\">Findings</a></li>")
                .append(r.expectations().isEmpty() ? "" : "<li><a href=\"#expectations\">Expectations</a></li>")
                .append("<li><a href=\"#coverage\">Coverage</a></li>")
                .append(r.recommendations().isEmpty() ? "" : "<li><a href=\"#recommendations\">Recommendations</a></li>")
                .append("<li><a href=\"#transcripts\">Transcripts</a></li></ul></nav>\n<main>\n");
        GraphSection.render(b, r, workflow);
        PersonaCards.render(b, r);
        ResultTables.findings(b, r);
        ResultTables.expectations(b, r);
        ResultTables.coverage(b, r);
        ResultTables.recommendations(b, r);
        Transcripts.render(b, r);
        b.append("</main>\n<footer><p>Rehearsal report");
        if (report != null && report.has("report_version")) b.append(", report version ").append(esc(report.path("report_version").asText()));
        else if (report != null && report.has("schema_version")) b.append(", schema version ").append(esc(report.path("schema_version").asText()));
        b.append(". Every lead here is simulated.</p></footer>\n<script>").append(JS).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReportRenderer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
