package dev.rehearsal.local.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: the JDK's client refuses the malformed
 * request lines, paths and bodies the error contract is tested with.
 */
final class RawHttp {
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and the body. */
    static Reply send(int port, String head, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            StringBuilder h = new StringBuilder(head);
            if (!head.toLowerCase(Locale.ROOT).contains("\r\nhost:")) h.append("\r\nHost: 127.0.0.1");
            h.append("\r\nConnection: close");
            if (body != null && !head.toLowerCase(Locale.ROOT).contains("content-length:")
                    && !head.toLowerCase(Locale.ROOT).contains("transfer-encoding:")) {
                h.append("\r\nContent-Length: ").append(body.length);
            }
            h.append("\r\n\r\n");
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (body != null) out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading a refused body: read its answer
            }
            return read(s.getInputStream());
        }
    }

    static Reply request(int port, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1");
        headers.forEach((k, v) -> head.append("\r\n").append(k).append(": ").append(v));
        return send(port, head.toString(), body);
    }

    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) > 0) all.write(buf, 0, n);
        } catch (IOException e) {
            // a reset after the answer: keep what arrived
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) throw new IOException("no HTTP answer: '" + text + "'");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = unchunk(body);
        return new Reply(status, headers, body);
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int nl = body.indexOf("\r\n", i);
            if (nl < 0) break;
            int size = Integer.parseInt(body.substring(i, nl).split(";")[0].trim(), 16);
            if (size == 0) break;
            out.append(body, nl + 2, nl + 2 + size);
            i = nl + 2 + size + 2;
        }
        return out.toString();
    }
}
