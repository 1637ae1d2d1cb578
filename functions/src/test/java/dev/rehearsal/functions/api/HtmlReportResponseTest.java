package dev.rehearsal.functions.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Accept headers get the HTML page: browsers and explicit asks do; API clients and wildcards get JSON. */
class HtmlReportResponseTest {
    @Test
    void browsersAndExplicitHtmlGetThePage() {
        assertTrue(HtmlReportResponse.wanted("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertTrue(HtmlReportResponse.wanted("text/html"));
        assertTrue(HtmlReportResponse.wanted("application/json;q=0.5, text/html"));
        assertTrue(HtmlReportResponse.wanted("TEXT/HTML; charset=utf-8"));
    }

    @Test
    void apiClientsWildcardsAndRefusalsGetJson() {
        assertFalse(HtmlReportResponse.wanted(null));
        assertFalse(HtmlReportResponse.wanted(""));
        assertFalse(HtmlReportResponse.wanted("*/*"));
        assertFalse(HtmlReportResponse.wanted("application/json"));
        assertFalse(HtmlReportResponse.wanted("application/json, text/html"));
        assertFalse(HtmlReportResponse.wanted("text/html;q=0, application/json"));
        assertFalse(HtmlReportResponse.wanted("text/html;q=0.2, application/*;q=0.5"));
    }
}
