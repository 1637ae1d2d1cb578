package dev.rehearsal.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.workflow.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static dev.rehearsal.html.Html.esc;
import static dev.rehearsal.html.ReportView.text;

/**
 * Each persona's conversation as the lead would see it: texts as chat bubbles, emails as cards, replies with
 * the intent and sentiment the CRM reads, contact-local times and the delay between them. Steps that send
 * nothing appear as small notes, so the reader sees why the next message came when it did.
 */
final class Transcripts {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

    private Transcripts() {
    }

    static void render(StringBuilder b, ReportView r) {
        b.append("<section id=\"transcripts\" aria-labelledby=\"transcripts-h\">\n<h2 id=\"transcripts-h\">Transcripts</h2>\n");
        for (JsonNode p : r.personas()) {
            String name = text(p, "name", text(p, "id", "persona"));
            List<ReportView.PathShare> paths = ReportView.paths(p);
            boolean several = paths.stream().filter(x -> !x.transcript().isEmpty()).count() > 1;
            for (int i = 0; i < paths.size(); i++) {
                List<JsonNode> transcript = paths.get(i).transcript();
                if (transcript.isEmpty() && i == 0) transcript = ReportView.list(p.path("transcript"));
                if (transcript.isEmpty()) continue;
                b.append("<article class=\"transcript\" aria-label=\"").append(esc(name)).append(" transcript\"><h3>").append(esc(name));
                if (several) b.append(" \u2014 path ").append(i + 1);
                b.append("</h3>\n<ol class=\"chat\">\n");
                conversation(b, name, transcript);
                b.append("</ol></article>\n");
            }
        }
        b.append("</section>\n");
    }

    private record Event(Instant at, int order, String html) {
    }

    static void conversation(StringBuilder b, String persona, List<JsonNode> transcript) {
        List<Event> events = new ArrayList<>();
        int order = 0;
        for (JsonNode i : transcript) {
            Instant at = instant(text(i, "at", null));
            Duration offset = offset(at, text(i, "local_time", null));
            JsonNode m = i.path("message");
            JsonNode reply = i.path("reply");
            if (m.isObject()) events.add(new Event(at, order++, message(i, m, reply, text(i, "local_time", ""))));
            else events.add(new Event(at, order++, note(i)));
            if (reply.hasNonNull("response") || reply.hasNonNull("provider_error")) {
                Instant replyAt = instant(text(i, "reply_at", null));
                String local = replyAt == null || offset == null ? "" : LOCAL.format(LocalDateTime.ofInstant(replyAt.plus(offset), ZoneOffset.UTC));
                events.add(new Event(replyAt == null ? at : replyAt, order++, reply(persona, reply, local,
                        "email".equals(text(m, "channel", "")))));
            }
        }
        events.sort(Comparator.comparing((Event e) -> e.at == null ? Instant.MIN : e.at).thenComparingInt(e -> e.order));
        Instant previous = null;
        for (Event e : events) {
            if (previous != null && e.at != null && e.at.isAfter(previous)) {
                b.append("<li class=\"gap\">").append(esc(Durations.format(Duration.between(previous, e.at)))).append(" later</li>\n");
            }
            if (e.at != null) previous = e.at;
            b.append(e.html).append('\n');
        }
    }

    private static String message(JsonNode i, JsonNode m, JsonNode reply, String local) {
        StringBuilder b = new StringBuilder();
        String channel = text(m, "channel", "sms");
        String step = text(i, "step_id", "");
        if (channel.equals("email")) {
            b.append("<li class=\"out email\"><div class=\"email-card\"><div class=\"meta\">").append(esc(local)).append(" \u00b7 email from <code>")
                    .append(esc(step)).append("</code></div><div class=\"subject\">").append(esc(text(m, "subject", "(no subject)")))
                    .append("</div><div class=\"body\">").append(esc(text(m, "body", ""))).append("</div>");
            List<String> acts = ReportView.strings(reply.path("actions"));
            List<String> shown = acts.stream().filter(a -> !a.equals("replied")).toList();
            if (!shown.isEmpty()) {
                b.append("<div class=\"actions\">");
                for (String a : shown) b.append("<span class=\"chip act-").append(Html.token(a)).append("\">").append(esc(a.replace('_', ' '))).append("</span>");
                b.append("</div>");
            }
            b.append("</div>");
        } else {
            b.append("<li class=\"out sms\"><div class=\"meta\">").append(esc(local)).append(" \u00b7 <code>").append(esc(step))
                    .append("</code></div><div class=\"bubble\">").append(esc(text(m, "body", ""))).append("</div>");
        }
        flags(b, i);
        return b.append("</li>").toString();
    }

    private static String reply(String persona, JsonNode reply, String local, boolean email) {
        StringBuilder b = new StringBuilder("<li class=\"in").append(email ? " email" : " sms").append("\"><div class=\"meta\">")
                .append(esc(persona)).append(local.isEmpty() ? "" : " \u00b7 " + esc(local)).append("</div>");
        if (reply.hasNonNull("provider_error")) {
            b.append("<div class=\"bubble error\">provider error: ").append(esc(reply.path("provider_error").asText())).append("</div>");
        } else {
            b.append("<div class=\"bubble\">").append(esc(text(reply, "response", ""))).append("</div>");
        }
        b.append("<div class=\"reading\">");
        if (reply.hasNonNull("intent")) b.append("<span class=\"chip\">intent: ").append(esc(reply.path("intent").asText().replace('_', ' '))).append("</span>");
        if (reply.hasNonNull("sentiment")) b.append("<span class=\"chip\">sentiment: ").append(esc(reply.path("sentiment").asText())).append("</span>");
        if (reply.path("likely_to_convert").isNumber()) b.append("<span class=\"chip\">likely to convert ").append(reply.path("likely_to_convert").asInt()).append("%</span>");
        return b.append("</div></li>").toString();
    }

    private static String note(JsonNode i) {
        StringBuilder b = new StringBuilder("<li class=\"note\"><span class=\"meta\">").append(esc(text(i, "local_time", "")))
                .append("</span> <code>").append(esc(text(i, "step_id", ""))).append("</code> ")
                .append(esc(text(i, "step_type", "").replace('_', ' ')));
        if (i.hasNonNull("note")) b.append(": ").append(esc(i.path("note").asText()));
        if (i.hasNonNull("transition") && !"next".equals(text(i, "transition", ""))) {
            b.append(" <span class=\"muted\">\u2192 ").append(esc(GraphLayout.edgeLabel(text(i, "transition", "")))).append("</span>");
        }
        flags(b, i);
        return b.append("</li>").toString();
    }

    private static void flags(StringBuilder b, JsonNode i) {
        for (String f : ReportView.strings(i.path("flags"))) {
            b.append(" <span class=\"chip flag\">\u26a0 ").append(esc(f.replace('_', ' '))).append("</span>");
        }
    }

    static Instant instant(String s) {
        if (s == null) return null;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The contact's offset from UTC, read off an interaction's virtual instant and its contact-local rendering. */
    static Duration offset(Instant at, String local) {
        if (at == null || local == null) return null;
        try {
            LocalDateTime l = LocalDateTime.parse(local, LOCAL);
            return Duration.between(at, l.toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
