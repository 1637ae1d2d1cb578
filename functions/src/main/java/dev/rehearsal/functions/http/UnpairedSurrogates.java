package dev.rehearsal.functions.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Finds text that holds a lone UTF-16 surrogate: JSON lets {@code "\ud800"} through, but it is no
 * character, and stored as UTF-8 it turns into {@code ?}. Refused, with its JSON pointer.
 */
final class UnpairedSurrogates {
    private UnpairedSurrogates() {
    }

    /** The pointer of the first field name or string value with a lone surrogate, or null. */
    static String find(JsonNode node, String pointer) {
        if (node.isTextual()) return broken(node.asText()) ? pointer : null;
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = find(node.get(i), pointer + "/" + i);
                if (p != null) return p;
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String p = pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
                if (broken(f.getKey())) return pointer + "/" + visible(f.getKey());
                String inner = find(f.getValue(), p);
                if (inner != null) return inner;
            }
        }
        return null;
    }

    /** The text with each surrogate shown as its escape, so the message itself stays valid. */
    static String visible(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (Character.isSurrogate(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    static boolean broken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return true;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
