package dev.rehearsal.local.spamassassin;

import dev.rehearsal.engine.workflow.MergeFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Workflow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a send_email step as the full MIME message a CRM would send, so SpamAssassin can judge it
 * like a received mail: headers from the workflow's settings, a text/plain part and an HTML part
 * (links as anchors), merge fields rendered as for a contact with none set. Deterministic: a fixed
 * date and a Message-ID derived from the workflow and step ids.
 */
public final class MimeEmail {
    static final String DATE = "Mon, 02 Mar 2026 10:00:00 +0000";
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
    private static final String BOUNDARY = "rehearsal-alternative-boundary";

    private MimeEmail() {
    }

    public static String render(Workflow w, Step step) {
        String subject = MergeFields.render(step.subject() == null ? "" : step.subject(), f -> null).strip();
        String body = MergeFields.render(step.body() == null ? "" : step.body(), f -> null);
        String domain = senderDomain(body);
        String sender = w.settings().senderName() != null ? w.settings().senderName() : w.name();
        StringBuilder m = new StringBuilder();
        header(m, "From", encodeWord(sender) + " <news@" + domain + ">");
        header(m, "To", "Contact <contact@example.com>");
        header(m, "Subject", encodeWord(subject));
        header(m, "Date", DATE);
        header(m, "Message-ID", "<" + (w.id() + "." + step.id()).replaceAll("[^A-Za-z0-9._-]", "-") + ".rehearsal@" + domain + ">");
        header(m, "MIME-Version", "1.0");
        header(m, "Content-Type", "multipart/alternative; boundary=\"" + BOUNDARY + "\"");
        m.append("\r\n");
        part(m, "text/plain", body);
        part(m, "text/html", html(subject, body));
        m.append("--").append(BOUNDARY).append("--\r\n");
        return m.toString();
    }

    /** The host of the first link in the body (the business's own domain, minus www.), else example.com. */
    static String senderDomain(String body) {
        Matcher l = LINK.matcher(body);
        if (!l.find()) return "example.com";
        String host = l.group().replaceFirst("^https?://", "").replaceFirst("[/?#].*$", "").toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    static String html(String subject, String body) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(subject)).append("</title></head><body>");
        for (String para : body.strip().split("\\n\\s*\\n")) {
            Matcher l = LINK.matcher(escape(para));
            StringBuilder p = new StringBuilder();
            while (l.find()) l.appendReplacement(p, Matcher.quoteReplacement("<a href=\"" + l.group() + "\">" + l.group() + "</a>"));
            l.appendTail(p);
            h.append("<p>").append(p.toString().replace("\n", "<br>\n")).append("</p>\n");
        }
        return h.append("</body></html>").toString();
    }

    private static void part(StringBuilder m, String type, String content) {
        m.append("--").append(BOUNDARY).append("\r\n");
        m.append("Content-Type: ").append(type).append("; charset=UTF-8\r\n");
        m.append("Content-Transfer-Encoding: base64\r\n\r\n");
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(content.getBytes(StandardCharsets.UTF_8));
        m.append(b64).append("\r\n");
    }

    private static void header(StringBuilder m, String name, String value) {
        m.append(name).append(": ").append(value).append("\r\n");
    }

    /** RFC 2047 encoded-word for non-ASCII header text; plain ASCII stays readable. */
    static String encodeWord(String s) {
        if (s.chars().allMatch(c -> c >= 32 && c < 127)) return s;
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
