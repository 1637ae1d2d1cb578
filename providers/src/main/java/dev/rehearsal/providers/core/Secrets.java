package dev.rehearsal.providers.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps keys out of error messages. Keys registered at client construction are masked wherever
 * they appear, and key-shaped tokens are masked even when unregistered (servers sometimes echo a
 * partial key back in their 401 message).
 */
public final class Secrets {
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    private static final Pattern KEY_SHAPED = Pattern.compile("(sk-[A-Za-z0-9_\\-*]{6,}|AKIA[0-9A-Z]{12,}|Bearer\\s+\\S+)");

    private Secrets() {
    }

    public static void register(String secret) {
        if (secret != null && secret.length() >= 8) KNOWN.add(secret);
    }

    public static String redact(String text) {
        if (text == null) return "";
        String out = text;
        for (String s : KNOWN) out = out.replace(s, "***");
        return KEY_SHAPED.matcher(out).replaceAll("***");
    }
}
