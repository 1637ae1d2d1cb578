package dev.rehearsal.local.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import dev.rehearsal.html.HtmlReportRenderer;
import dev.rehearsal.local.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.print.PrintOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report in a real browser (headless Chromium): every example's report as `rehearse test --format
 * html` writes it, a hand-made report with the fields of newer report versions, markup in workflow and reply
 * text, and a 200-step workflow. Screenshots land in local/target/report-screenshots/.
 */
class ReportInBrowserTest {
    static final Path OUT = Path.of("target", "report-screenshots").toAbsolutePath();
    static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(OUT);
        driver = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
    }

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("examples"))) p = p.getParent();
        return p;
    }

    static Stream<String> examples() throws IOException {
        try (Stream<Path> s = Files.list(root().resolve("examples"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".suite.json"))
                    .map(n -> n.substring(0, n.length() - ".suite.json".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleReportShowsItsWorkflowCoverageAndPathsWithoutErrorsOrRequests(String name) throws Exception {
        Path suite = root().resolve("examples").resolve(name + ".suite.json");
        Path json = OUT.resolve(name + ".json"), html = OUT.resolve(name + ".html");
        assertNotEquals(Main.BAD_INPUT, Main.run("test", suite.toString(), "--format", "json", "--out", json.toString(), "--quiet"));
        assertNotEquals(Main.BAD_INPUT, Main.run("test", suite.toString(), "--format", "html", "--out", html.toString(), "--quiet"));
        JsonNode report = Json.mapper().readTree(json.toFile());
        Workflow wf = WorkflowParser.parseOrThrow(Files.readString(root().resolve("examples").resolve(name + ".workflow.json")));

        load(html);
        assertNoConsoleErrors();
        assertEquals(wf.steps().size(), count("#graph .node"), "a node per step");
        assertEquals(wf.steps().stream().mapToInt(s -> s.transitions().size()).sum(), count("#graph .edge"), "an edge per transition");

        Set<String> uncovered = new HashSet<>();
        report.path("coverage").path("uncovered").forEach(u -> uncovered.add(u.asText()));
        // With branch hunting every transition has a status (covered, witnessed, unreachable, unknown).
        java.util.Map<String, String> status = new java.util.HashMap<>();
        report.path("coverage").path("statuses").forEach(t -> status.put(t.path("transition").asText(), t.path("status").asText()));
        for (WebElement e : driver.findElements(By.cssSelector("#graph .edge"))) {
            String key = e.getAttribute("data-key");
            String expected = status.containsKey(key) ? "cov-" + status.get(key)
                    : uncovered.contains(key) ? "cov-untaken" : "cov-covered";
            assertTrue(e.getAttribute("class").contains(expected), key + " should be " + expected + ": " + e.getAttribute("class"));
        }

        for (JsonNode p : report.path("personas")) {
            Set<String> taken = new TreeSet<>(), steps = new TreeSet<>();
            for (JsonNode i : p.path("transcript")) {
                steps.add(i.path("step_id").asText());
                if (i.hasNonNull("next")) {
                    taken.add(i.path("step_id").asText() + " -[" + i.path("transition").asText() + "]-> " + i.path("next").asText());
                }
            }
            // Over many walks a persona's highlight is every distinct path it took (report "paths").
            for (JsonNode share : p.path("paths")) {
                List<String> path = new java.util.ArrayList<>();
                share.path("path").forEach(x -> path.add(x.asText()));
                steps.addAll(path);
                for (int j = 0; j + 1 < path.size(); j++) {
                    var from = wf.step(path.get(j));
                    for (var t : from.transitions()) if (t.to().equals(path.get(j + 1))) taken.add(t.key());
                }
            }
            WebElement button = driver.findElement(By.cssSelector(".persona-select[data-persona='" + p.path("id").asText() + "']"));
            button.click();
            assertEquals("true", button.getAttribute("aria-pressed"));
            assertEquals(taken, highlighted(".edge", "data-key"), p.path("name").asText() + "'s transitions");
            assertEquals(steps, highlighted(".node", "data-step"), p.path("name").asText() + "'s steps");
            button.click();
            assertEquals(Set.of(), highlighted(".edge", "data-key"), "a second click clears the highlight");
        }

        assertNoNetworkRequests(html);
        assertNoSeriousAxeViolations();
        screenshot(name);
    }

    @Test
    void personaPathIsReachableAndClearedFromTheKeyboard() throws Exception {
        Path html = OUT.resolve("keyboard.html");
        Main.run("test", root().resolve("examples/sms-lead-followup.suite.json").toString(), "--format", "html", "--out",
                html.toString(), "--quiet");
        load(html);
        WebElement body = driver.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        WebElement focused = driver.switchTo().activeElement();
        for (int i = 0; i < 40 && !"persona-select".equals(focused.getAttribute("class")); i++) {
            focused.sendKeys(Keys.TAB);
            focused = driver.switchTo().activeElement();
        }
        assertEquals("persona-select", focused.getAttribute("class"), "a persona button is reachable with Tab");
        focused.sendKeys(Keys.ENTER);
        assertEquals("true", focused.getAttribute("aria-pressed"));
        assertFalse(highlighted(".edge", "data-key").isEmpty());
        assertTrue(driver.findElement(By.id("path-status")).getText().contains("path"), "the change is announced");
        focused.sendKeys(Keys.ESCAPE);
        assertEquals(Set.of(), highlighted(".edge", "data-key"));

        byte[] pdf = Base64.getDecoder().decode(driver.print(new PrintOptions()).getContent());
        Files.write(OUT.resolve("sms-lead-followup.pdf"), pdf);
        assertTrue(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF"), "prints to PDF");
    }

    @Test
    void markupInWorkflowTextRendersAsText() throws Exception {
        Path html = OUT.resolve("injection.html");
        Path wf = Path.of("src/test/resources/html/injection.workflow.json").toAbsolutePath();
        assertNotEquals(Main.BAD_INPUT, Main.run("test", wf.toString(), "--format", "html", "--out", html.toString(), "--quiet"));
        load(html);
        assertEquals("undefined", driver.executeScript("return typeof window.__pwned"), "no injected script ran");
        assertEquals(1L, ((Number) driver.executeScript("return document.scripts.length")).longValue(), "only the report's own script");
        assertEquals(0, count("img"), "no injected element");
        assertTrue(driver.findElement(By.tagName("h1")).getText().contains("<script>window.__pwned = 'name'</script>"));
        assertTrue(driver.findElement(By.cssSelector(".chat .out.sms .bubble")).getText()
                .contains("</script><script>window.__pwned = 'body'</script><img src=x onerror="));
        String labels = driver.findElements(By.cssSelector("#graph .edge text")).stream().map(WebElement::getText)
                .collect(Collectors.joining("|"));
        assertTrue(labels.contains("<b>opted out</b>"), labels);
        assertNoConsoleErrors();
        screenshot("injection");
    }

    @Test
    void newerReportFieldsShowVerdictRatesPathSharesAndCoverageStatuses() throws Exception {
        JsonNode report = Json.mapper().readTree(Path.of("src/test/resources/html/report-v2.sms-lead-followup.json").toFile());
        // The workflow as it was when the fixture was written (the example has since gained a check_nudge step).
        Workflow wf = WorkflowParser.parseOrThrow(Files.readString(Path.of("src/test/resources/html/report-v2.sms-lead-followup.workflow.json")));
        Path html = OUT.resolve("report-v2.html");
        Files.writeString(html, HtmlReportRenderer.render(report, wf));
        load(html);
        assertNoConsoleErrors();

        assertEquals("Flaky", driver.findElement(By.id("verdict")).getText(), "a failing verdict with intermittent expectations");
        assertTrue(driver.findElement(By.id("headline")).getText().contains("passed 29 of 30 walks"));
        String expectations = driver.findElement(By.id("expectations")).getText();
        assertTrue(expectations.contains("29/30 (97%, 95% interval 83%\u201399%; needs \u2265 100%)"), expectations);
        assertTrue(expectations.contains("undecided"), expectations);
        assertTrue(expectations.contains("2 walk(s) excluded"), expectations);
        assertEquals("30", driver.findElement(By.xpath("//dl[@class='run-facts']//dt[.='walks per persona']/following-sibling::dd")).getText());
        assertEquals("workflow 28, provider error 2, out of character 0, max steps 0", driver.findElement(
                By.xpath("//article[@aria-labelledby='persona-eager-eddie']//dt[.='walks ended by']/following-sibling::dd")).getText());
        assertEquals(2 * report.path("personas").size(), count("#personas meter"), "a share bar per distinct path");

        for (JsonNode t : report.path("coverage").path("transitions")) {
            String key = t.path("from").asText() + " -[" + t.path("label").asText() + "]-> " + t.path("to").asText();
            WebElement e = driver.findElement(By.cssSelector("#graph .edge[data-key=\"" + key.replace("\"", "\\\"") + "\"]"));
            assertTrue(e.getAttribute("class").contains("cov-" + t.path("status").asText()), key + ": " + e.getAttribute("class"));
            assertEquals(t.path("count").asText(), e.getAttribute("data-count"));
        }

        // The first persona's button highlights its transcript's transitions and every edge of its other path.
        JsonNode eddie = report.path("personas").get(0);
        driver.findElement(By.cssSelector(".persona-select[data-persona='" + eddie.path("id").asText() + "']")).click();
        Set<String> steps = new TreeSet<>();
        eddie.path("paths").forEach(p -> p.path("path").forEach(s -> steps.add(s.asText())));
        assertEquals(steps, highlighted(".node", "data-step"));
        assertTrue(highlighted(".edge", "data-key").containsAll(Set.of("route -[branch:price]-> pricing_sms",
                "pricing_sms -[next]-> wait_pricing", "wait_pricing -[on_timeout]-> end")));

        assertEquals("undefined", driver.executeScript("return typeof window.__pwned"));
        assertEquals(0, count("#injected-img"));
        assertTrue(driver.findElement(By.id("transcripts")).getText().contains("<script>window.__pwned = \"reply\"</script>"));
        assertNoSeriousAxeViolations();
        screenshot("report-v2");
    }

    @Test
    void twoHundredStepWorkflowHasNoOverlappingNodes() throws Exception {
        Path wfFile = OUT.resolve("long-200.workflow.json");
        Files.writeString(wfFile, LongWorkflow.json(200));
        Path html = OUT.resolve("long-200.html");
        assertNotEquals(Main.BAD_INPUT, Main.run("test", wfFile.toString(), "--format", "html", "--out", html.toString(),
                "--quiet", "--personas", "eager-eddie,busy-bob", "--max-steps", "400"));
        load(html);
        assertNoConsoleErrors();
        @SuppressWarnings("unchecked")
        List<List<Number>> boxes = (List<List<Number>>) driver.executeScript("return Array.from(document.querySelectorAll("
                + "'#graph .node rect')).map(function (r) { var b = r.getBBox(); return [b.x, b.y, b.width, b.height]; });");
        assertEquals(200, boxes.size());
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                if (overlap(boxes.get(i), boxes.get(j))) overlaps.add(i + "/" + j);
            }
        }
        assertEquals(List.of(), overlaps);
        screenshot("long-200");
    }

    @Test
    void mermaidOutputRendersInMermaidWithEveryStepAndTransition() throws Exception {
        Path mermaid = Chromium.tool("tools/mermaid/node_modules/mermaid/dist/mermaid.min.js");
        String[][] cases = {{"examples/sms-lead-followup.suite.json", "examples/sms-lead-followup.workflow.json"},
                {"local/src/test/resources/html/injection.workflow.json", "local/src/test/resources/html/injection.workflow.json"}};
        for (String[] c : cases) {
            Path text = OUT.resolve("graph.mmd");
            assertNotEquals(Main.BAD_INPUT, Main.run("test", root().resolve(c[0]).toString(), "--format", "mermaid", "--out",
                    text.toString(), "--quiet"));
            Workflow wf = WorkflowParser.parseOrThrow(Files.readString(root().resolve(c[1])));
            Path page = OUT.resolve("mermaid.html");
            Files.writeString(page, "<!DOCTYPE html><html lang=\"en\"><head><title>mermaid</title></head><body><div id=\"out\"></div>"
                    + "<script src=\"" + mermaid.toUri() + "\"></script></body></html>");
            load(page);
            Object svg = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});"
                    + "mermaid.render('g', arguments[0]).then(function (r) { document.getElementById('out').innerHTML = r.svg; done('ok'); },"
                    + " function (e) { done('error: ' + e); });", Files.readString(text));
            assertEquals("ok", svg, c[0]);
            assertEquals(wf.steps().size(), count("#out g.node"), c[0]);
            assertEquals(wf.steps().stream().mapToInt(st -> st.transitions().size()).sum(), count("#out path.flowchart-link"), c[0]);
            assertEquals("undefined", driver.executeScript("return typeof window.__pwned"), c[0]);
            String labels = (String) driver.executeScript("return Array.from(document.querySelectorAll('#out .edgeLabel'))"
                    + ".map(function (e) { return e.textContent; }).join('|')");
            assertFalse(labels.contains("\u00b0"), "no undecoded entity placeholder: " + labels);
            if (c[0].contains("injection")) assertTrue(labels.contains("\u2039b\u203aopted out\u2039/b\u203a"), labels);
            else assertTrue(labels.contains("on reply \u00d7"), labels);
        }
        screenshot("mermaid-injection");
    }

    static boolean overlap(List<Number> a, List<Number> b) {
        double ax = a.get(0).doubleValue(), ay = a.get(1).doubleValue(), aw = a.get(2).doubleValue(), ah = a.get(3).doubleValue();
        double bx = b.get(0).doubleValue(), by = b.get(1).doubleValue(), bw = b.get(2).doubleValue(), bh = b.get(3).doubleValue();
        return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
    }

    static void load(Path html) {
        driver.manage().window().setSize(new Dimension(1300, 1000));
        driver.manage().logs().get(LogType.BROWSER); // reading a log empties it: start clean for this page
        driver.manage().logs().get(LogType.PERFORMANCE);
        driver.get(html.toUri().toString());
    }

    static int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    static Set<String> highlighted(String what, String attribute) {
        return driver.findElements(By.cssSelector("#graph " + what + ".on-path")).stream().map(e -> e.getAttribute(attribute))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Errors include Content-Security-Policy refusals, so this also proves the script and style hashes match. */
    static void assertNoConsoleErrors() {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors);
        assertEquals(Boolean.TRUE, driver.executeScript("return document.getElementById('graph').getAttribute('width') !== null"
                + " && document.querySelectorAll('.persona-select').length > 0"));
    }

    /** Every request the page made, from Chrome's performance log: only the report file itself. */
    static void assertNoNetworkRequests(Path html) {
        List<String> urls = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            JsonNode m = Json.mapper().valueToTree(Json.convert(parse(e.getMessage()), Object.class)).path("message");
            if (m.path("method").asText().equals("Network.requestWillBeSent")) urls.add(m.path("params").path("request").path("url").asText());
        }
        String self = html.toUri().toString();
        assertEquals(List.of(), urls.stream().filter(u -> !u.equals(self) && !u.replace("file:///", "file:/").equals(self.replace("file:///", "file:/"))).toList());
        assertEquals(0L, ((Number) driver.executeScript("return performance.getEntriesByType('resource').length")).longValue());
    }

    private static JsonNode parse(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertNoSeriousAxeViolations() {
        driver.executeScript(Chromium.axeSource());
        Object result = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(JSON.stringify(r.violations)); },"
                + " function (e) { done('error: ' + e); });");
        JsonNode violations = parse(String.valueOf(result));
        List<String> serious = new ArrayList<>();
        for (JsonNode v : violations) {
            String impact = v.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                serious.add(impact + " " + v.path("id").asText() + ": " + v.path("help").asText() + " e.g. "
                        + v.path("nodes").path(0).path("html").asText());
            }
        }
        assertEquals(List.of(), serious);
    }

    static void screenshot(String name) throws IOException {
        long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1300, (int) Math.min(height + 120, 16000)));
        Files.write(OUT.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(1300, 1000));
    }
}
