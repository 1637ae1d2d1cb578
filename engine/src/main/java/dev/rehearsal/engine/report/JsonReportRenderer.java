package dev.rehearsal.engine.report;

import dev.rehearsal.engine.json.Json;

/** The report as pretty JSON with a stable key order, so equal runs give equal bytes. */
public final class JsonReportRenderer {
    private JsonReportRenderer() {
    }

    public static String render(Report r) {
        return Json.pretty(r) + "\n";
    }
}
