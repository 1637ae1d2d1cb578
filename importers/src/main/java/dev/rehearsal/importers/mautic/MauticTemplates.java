package dev.rehearsal.importers.mautic;

import dev.rehearsal.importers.FieldNames;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mautic tokens made into Rehearsal merge fields: {@code {contactfield=firstname|there}} becomes
 * {@code {{contact.first_name | default: "there"}}} (Mautic's core aliases mapped to Rehearsal's
 * standard fields, others kept by name), {@code {unsubscribe_url}} the account's. Other tokens stay
 * as written and are listed.
 */
final class MauticTemplates {
    private static final Pattern FIELD = Pattern.compile("\\{contactfield=([A-Za-z0-9_]+)(?:\\|([^}]*))?}");
    private static final Pattern OTHER = Pattern.compile("\\{[a-z_]+(?:=[^}]*)?}");
    private static final Map<String, String> ALIASES = Map.of("firstname", "first_name", "lastname", "last_name",
            "mobile", "phone", "zipcode", "zip");
    private static final Map<String, String> SYSTEM = Map.of("{unsubscribe_url}", "{{account.unsubscribe_url}}",
            "{unsubscribe_text}", "Unsubscribe: {{account.unsubscribe_url}}");

    final Set<String> unknown = new LinkedHashSet<>();

    static String field(String alias) {
        return ALIASES.getOrDefault(alias.toLowerCase(java.util.Locale.ROOT), FieldNames.field(alias));
    }

    String translate(String text) {
        if (text == null) return null;
        Matcher m = FIELD.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String f = "{{contact." + field(m.group(1)) + (m.group(2) == null ? "" : " | default: \"" + m.group(2).replace("\"", "'") + "\"") + "}}";
            m.appendReplacement(b, Matcher.quoteReplacement(f));
        }
        m.appendTail(b);
        String out = b.toString();
        for (var e : SYSTEM.entrySet()) out = out.replace(e.getKey(), e.getValue());
        Matcher o = OTHER.matcher(out);
        while (o.find()) unknown.add(o.group());
        return out;
    }
}
