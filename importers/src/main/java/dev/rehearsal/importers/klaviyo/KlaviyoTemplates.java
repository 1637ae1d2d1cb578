package dev.rehearsal.importers.klaviyo;

import dev.rehearsal.importers.FieldNames;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Klaviyo's template variables as Rehearsal merge fields: {@code {{ first_name|default:'there' }}}
 * and {@code {{ person.first_name }}} become {@code {{contact.first_name | default: "there"}}},
 * {@code {{ person|lookup:'City' }}} a custom property, {@code {{ organization.name }}} the account's,
 * {@code {% unsubscribe %}} the unsubscribe link. Other tags stay as written and are listed.
 */
final class KlaviyoTemplates {
    private static final Pattern TOKEN = Pattern.compile(
            "\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)(?:\\|lookup:\\s*['\"]([^'\"]+)['\"])?\\s*(?:\\|\\s*default:\\s*(['\"])(.*?)\\3)?\\s*}}");
    private static final Map<String, String> FIELDS = Map.of("first_name", "contact.first_name", "last_name", "contact.last_name",
            "email", "contact.email", "phone_number", "contact.phone", "organization.name", "account.name",
            "organization.full_address", "account.postal_address");

    final Set<String> unknown = new LinkedHashSet<>();

    String translate(String text) {
        if (text == null) return null;
        Matcher m = TOKEN.matcher(text.replaceAll("\\{%\\s*unsubscribe[^%]*%}", "{{account.unsubscribe_url}}"));
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String path = m.group(1);
            String field;
            if (m.group(2) != null && (path.equals("person") || path.equals("profile"))) field = "contact." + FieldNames.field(m.group(2));
            else {
                String bare = path.startsWith("person.") ? path.substring(7) : path.startsWith("profile.") ? path.substring(8) : path;
                field = FIELDS.get(bare);
                if (field == null && path.startsWith("account.")) field = path;
            }
            String out;
            if (field == null) {
                unknown.add(m.group());
                out = m.group();
            } else {
                out = "{{" + field + (m.group(4) == null || m.group(4).isEmpty() ? "" : " | default: \"" + m.group(4) + "\"") + "}}";
            }
            m.appendReplacement(b, Matcher.quoteReplacement(out));
        }
        m.appendTail(b);
        return b.toString();
    }
}
