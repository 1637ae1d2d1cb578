package dev.rehearsal.engine;

import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads workflows for tests: inline JSON or the repository's examples/. */
public final class TestWorkflows {
    private TestWorkflows() {
    }

    public static Workflow parse(String json) {
        return WorkflowParser.parseOrThrow(json);
    }

    public static Path examples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
        return p.resolve("examples");
    }

    public static Workflow example(String name) {
        try {
            return parse(Files.readString(examples().resolve(name + ".workflow.json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-SMS workflow: send, wait for a reply, then end. */
    public static Workflow singleSms(String body, String timeout) {
        return parse("""
                {"id":"one","name":"One SMS","start":"s","steps":[
                 {"id":"s","type":"send_sms","config":{"body":%s},"next":"w"},
                 {"id":"w","type":"wait_for_reply","config":{"timeout":"%s"},"on_reply":"e","on_timeout":"e"},
                 {"id":"e","type":"end"}]}
                """.formatted(dev.rehearsal.engine.json.Json.write(body), timeout));
    }

    public static Workflow singleEmail(String subject, String body) {
        return parse("""
                {"id":"one","name":"One email","start":"s","steps":[
                 {"id":"s","type":"send_email","config":{"subject":%s,"body":%s},"next":"w"},
                 {"id":"w","type":"wait_for_reply","config":{"timeout":"3d"},"on_reply":"e","on_timeout":"e"},
                 {"id":"e","type":"end"}]}
                """.formatted(dev.rehearsal.engine.json.Json.write(subject), dev.rehearsal.engine.json.Json.write(body)));
    }
}
