package dev.rehearsal.functions.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of paths and query strings: a malformed escape ({@code %zz}, a lone
 * {@code %}) or bytes that are not UTF-8 are a 400 naming the problem, never silently kept or
 * replaced by U+FFFD.
 */
public final class PathCodec {
    private PathCodec() {
    }

    /** Checks every escape of a raw path (400 {@code malformed_path} when one is malformed). */
    public static void checkPath(String rawPath) {
        for (String segment : rawPath.split("/", -1)) decode(segment, false, "path");
    }

    /** One path segment, decoded; {@code +} stays a plus sign as in a path. */
    public static String decodeSegment(String raw) {
        return decode(raw, false, "path");
    }

    /** One query-string name or value, decoded; {@code +} is a space as in a form. */
    public static String decodeQuery(String raw) {
        return decode(raw, true, "query string");
    }

    private static String decode(String raw, boolean plusIsSpace, String where) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) return raw;
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    String esc = raw.substring(i, Math.min(raw.length(), i + 3));
                    throw ApiException.badRequest("malformed_" + (where.equals("path") ? "path" : "query"), "",
                            "the " + where + " has a malformed percent-escape '" + esc + "' at character " + (i + 1)
                                    + " of '" + ApiRequest.truncate(raw) + "' (expected % and two hex digits)");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("malformed_" + (where.equals("path") ? "path" : "query"), "",
                    "the " + where + " '" + ApiRequest.truncate(raw) + "' decodes to bytes that are not UTF-8");
        }
    }
}
