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
    /** Keys too short to replace anywhere in a text without mangling words: masked where they stand alone. */
    private static final Set<Pattern> SHORT = ConcurrentHashMap.newKeySet();
    static final int SHORT_KEY = 8;
    private static final Pattern KEY_SHAPED = Pattern.compile("(sk-[A-Za-z0-9_\\-*]{6,}|AKIA[0-9A-Z]{12,}|Bearer\\s+\\S+)");

    private Secrets() {
    }

    /** Registers a key to mask, whatever its length (a blank one is no key). */
    public static void register(String secret) {
        if (secret == null || secret.isBlank()) return;
        if (secret.length() >= SHORT_KEY) KNOWN.add(secret);
        else SHORT.add(Pattern.compile("(?<![A-Za-z0-9_\\-])" + Pattern.quote(secret) + "(?![A-Za-z0-9_\\-])"));
    }

    public static String redact(String text) {
        if (text == null) return "";
        String out = text;
        for (String s : KNOWN) out = out.replace(s, "***");
        for (Pattern p : SHORT) out = p.matcher(out).replaceAll("***");
        return KEY_SHAPED.matcher(out).replaceAll("***");
    }
}
