package dev.rehearsal.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportRendererTest {
    static final Workflow WF = WorkflowParser.parseOrThrow("""
            {"id":"clinic","name":"Clinic <script>alert(1)</script> recall","start":"ask","steps":[
              {"id":"ask","type":"send_sms","config":{"body":"Time for a check-up? <img src=x onerror=alert(2)> Reply STOP to opt out."},"next":"wait"},
              {"id":"wait","type":"wait_for_reply","config":{"timeout":"1d"},"on_reply":"route","on_timeout":"done"},
              {"id":"route","type":"condition","branches":[{"label":"<b>yes</b>","when":{"replied":true},"next":"done"}],"default":"done"},
              {"id":"done","type":"end"}]}""");

    static JsonNode json(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final JsonNode OLD = json("""
            {"schema_version":1,"workflow":{"id":"clinic","name":"Clinic <script>alert(1)</script> recall"},"passed":false,"score":55,
             "issues":[{"severity":"error","type":"runtime_dead_end","stepId":"route","message":"stuck </td><script>x()</script>"}],
             "expectations":[{"expectation":"books","persona":"p1","passed":false,"evidence":"never booked"}],
             "coverage":{"transitions":5,"covered":3,"percent":60,"uncovered":["route -[branch:<b>yes</b>]-> done","wait -[on_timeout]-> done"]},
             "personas":[{"id":"p1","name":"Pat <Patient>","end_reason":"end","path":["ask","wait","route","done"],"transcript":[
               {"step_index":0,"step_id":"ask","step_type":"send_sms","at":"2026-03-02T15:00:00Z","local_time":"Mon 2026-03-02 10:00",
                "message":{"channel":"sms","body":"Time for a check-up? <img src=x onerror=alert(2)>"},
                "reply":{"response":"<script>alert('reply')</script> yes","intent":"interested","sentiment":"positive","actions":["replied"]},
                "reply_at":"2026-03-02T15:30:00Z","transition":"next","next":"wait"},
               {"step_index":1,"step_id":"wait","step_type":"wait_for_reply","at":"2026-03-02T15:00:00Z","local_time":"Mon 2026-03-02 10:00","transition":"on_reply","next":"route"},
               {"step_index":2,"step_id":"route","step_type":"condition","at":"2026-03-02T15:30:00Z","local_time":"Mon 2026-03-02 10:30","transition":"default","next":"done"}]}],
             "recommendations":["Add a <default> branch"]}""");

    @Test
    void everyPieceOfWorkflowAndReplyTextIsEscaped() {
        String html = HtmlReportRenderer.render(OLD, WF);
        assertEquals(1, html.split("<script", -1).length - 1, "only the report's own script element");
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("<b>yes"));
        assertFalse(html.contains("<Patient>"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;reply&#39;)&lt;/script&gt; yes"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
        assertTrue(html.contains("Clinic &lt;script&gt;alert(1)&lt;/script&gt; recall"));
        assertTrue(html.contains("stuck &lt;/td&gt;&lt;script&gt;x()&lt;/script&gt;"));
    }

    @Test
    void thePolicyAllowsExactlyTheInlineScriptAndStyleByHash() {
        String html = HtmlReportRenderer.render(OLD, WF);
        String script = between(html, "<script>", "</script>");
        String style = between(html, "<style>", "</style>");
        String csp = HtmlReportRenderer.CONTENT_SECURITY_POLICY;
        assertTrue(csp.contains("script-src '" + HtmlReportRenderer.sha256(script) + "'"), csp);
        assertTrue(csp.contains("style-src '" + HtmlReportRenderer.sha256(style) + "'"), csp);
        assertTrue(csp.startsWith("default-src 'none'"));
        assertFalse(Pattern.compile("\\son[a-z]+=\"", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no inline event handler");
        assertFalse(html.contains(" style=\""), "no inline style attribute (the policy would block it)");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing fetched");
    }

    @Test
    void olderReportsFallBackToPassedUncoveredAndTranscriptCounts() {
        ReportView r = new ReportView(OLD);
        assertEquals("fail", r.verdict());
        assertTrue(r.headline().startsWith("Failed: \u201cbooks\u201d for Pat <Patient>"), r.headline());
        var cov = r.coverage();
        assertEquals("untaken", cov.get("wait -[on_timeout]-> done").status());
        assertEquals(1, cov.get("wait -[on_reply]-> route").count());
        assertEquals("route", ReportView.stepOf(OLD.path("issues").get(0)), "the old camelCase stepId is read");
        String html = HtmlReportRenderer.render(OLD, WF);
        assertTrue(html.contains("class=\"edge cov-untaken\" id=\"e2\""), "wait's on_timeout edge is drawn as untaken");
        assertTrue(html.contains("<g class=\"badge sev-error\">"), "the finding sits on its step");
        assertTrue(html.contains("30m later"), "the delay between message and reply");
        assertTrue(html.contains("Pat &lt;Patient&gt; \u00b7 Mon 2026-03-02 10:30"), "the reply at the contact's local time");
    }

    @Test
    void newerReportsShowVerdictsRatesAndStatuses() {
        JsonNode v2 = json("""
                {"report_version":2,"verdict":"pass","workflow":{"name":"Clinic"},"run":{"walks":40},
                 "expectations":[{"expectation":"books","persona":"p1","passes":30,"trials":40,"pass_rate":0.75,
                   "interval":{"low":0.6,"high":0.86},"min_pass_rate":0.5,"verdict":"pass","intermittent":true}],
                 "coverage":{"transitions":[{"from":"route","label":"branch:<b>yes</b>","to":"done","count":0,"status":"unreachable","reason":"never true"},
                                            {"from":"ask","label":"next","to":"wait","count":40,"status":"covered"}]},
                 "personas":[{"id":"p1","name":"Pat","walks":40,"paths":[{"path":["ask","wait","route","done"],"count":30,"share":0.75,"walk":0},
                                                                         {"path":["ask","wait","done"],"count":10,"share":0.25,"walk":3}]}]}""");
        ReportView r = new ReportView(v2);
        assertEquals("flaky", r.verdict());
        assertEquals("30/40 (75%, 95% interval 60%\u201386%; needs \u2265 50%)", ResultTables.rate(v2.path("expectations").get(0)));
        String html = HtmlReportRenderer.render(v2, WF);
        assertTrue(html.contains("class=\"verdict verdict-flaky\""));
        assertTrue(html.contains("class=\"edge cov-unreachable\""));
        assertTrue(html.contains("data-count=\"40\""));
        assertTrue(html.contains("2 distinct paths"));
        assertTrue(html.contains("report version 2"));
        assertEquals("inconclusive", new ReportView(json("{\"verdict\":\"inconclusive\"}")).verdict());
    }

    static String between(String s, String open, String close) {
        Matcher m = Pattern.compile(Pattern.quote(open) + "(.*?)" + Pattern.quote(close), Pattern.DOTALL).matcher(s);
        assertTrue(m.find(), open);
        return m.group(1);
    }
}
