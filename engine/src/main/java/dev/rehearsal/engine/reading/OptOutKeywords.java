package dev.rehearsal.engine.reading;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one table of opt-out language, in English and Spanish, read two ways: does a <em>reply</em> revoke
 * consent ({@link #isOptOut}), and does an <em>outbound message</em> tell the contact how to opt out
 * ({@link #offersOptOut}, {@link #offersUnsubscribe}).
 *
 * <p>Sources: CTIA Messaging Principles and Best Practices (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END,
 * QUIT); FCC 24-18 (Report and Order of 2024-02-15, 47 CFR 64.1200(a)(10)): "stop", "quit", "end",
 * "revoke", "opt out", "cancel" and "unsubscribe" are per se revocations, and any other wording a
 * reasonable person would read as a revocation must be honoured too (including other languages,
 * e.g. "no más").
 *
 * <p>A reply opts out when one of three rules fires (text is lower-cased and accents are stripped first):
 * <ol>
 *   <li><b>keyword</b>: some clause of the reply (split at . ! ? ; , : and a spaced dash) is a keyword
 *       and nothing else but courtesy words ("STOP", "Stop please", "STOP - not interested",
 *       "Unsubscribe. STOP.", "BAJA por favor", "No más");</li>
 *   <li><b>shouted keyword</b>: one of the unambiguous keywords written in capitals inside mixed-case text
 *       and not negated ("Not interested STOP", "Quiero BAJA");</li>
 *   <li><b>revocation</b>: a phrase that asks, in other words, not to be contacted ("please stop texting
 *       me", "take me off your list", "no me envíen más mensajes", "denme de baja"); English
 *       "stop ..." phrases are ignored when negated ("don't stop texting me the deals").</li>
 * </ol>
 * "Stop by Thursday? I can come at 5" and "don't stop the discount" fire none of them: a keyword used as
 * an ordinary word inside a sentence is not a command. "Wrong number" and "not interested" are not
 * revocations here (a CRM reads them as intent, not consent).
 */
public final class OptOutKeywords {

    /** Language of a keyword in the table. */
    public enum Language { EN, ES }

    /**
     * One row of the table. {@code shoutable}: unambiguous enough to count when written in capitals
     * anywhere in a reply (rule 2); the others count only as a whole clause (rule 1).
     */
    public record Keyword(String word, Language language, boolean shoutable, String source) {
    }

    /** Which rule recognised the opt-out, and the words that fired it (for findings and tests). */
    public record Match(Rule rule, String matched) {
    }

    public enum Rule { KEYWORD, SHOUTED_KEYWORD, REVOCATION }

    private static final String CTIA = "CTIA Messaging Principles and Best Practices";
    private static final String FCC = "FCC 24-18, 47 CFR 64.1200(a)(10)";
    private static final String FCC_REASONABLE = "FCC 24-18: any wording a reasonable person reads as revocation";

    /** The keyword table. Multi-word keywords are written with one space ("opt out", "no mas"). */
    public static final List<Keyword> KEYWORDS = List.of(
            new Keyword("stop", Language.EN, true, CTIA + "; " + FCC),
            new Keyword("stopall", Language.EN, true, CTIA),
            new Keyword("unsubscribe", Language.EN, true, CTIA + "; " + FCC),
            new Keyword("cancel", Language.EN, false, CTIA + "; " + FCC),
            new Keyword("end", Language.EN, false, CTIA + "; " + FCC),
            new Keyword("quit", Language.EN, false, CTIA + "; " + FCC),
            new Keyword("revoke", Language.EN, true, FCC),
            new Keyword("optout", Language.EN, true, FCC + " (\"opt out\", \"opt-out\")"),
            new Keyword("unsub", Language.EN, false, FCC_REASONABLE),
            new Keyword("baja", Language.ES, true, FCC_REASONABLE + " (carrier practice for Spanish)"),
            new Keyword("alto", Language.ES, false, FCC_REASONABLE + " (carrier practice for Spanish)"),
            new Keyword("parar", Language.ES, false, FCC_REASONABLE),
            new Keyword("para", Language.ES, false, FCC_REASONABLE),
            new Keyword("cancelar", Language.ES, false, FCC_REASONABLE),
            new Keyword("detener", Language.ES, false, FCC_REASONABLE),
            new Keyword("no mas", Language.ES, false, FCC_REASONABLE + " (\"No Más\")"),
            new Keyword("fin", Language.ES, false, FCC_REASONABLE));

    private static final Map<String, Keyword> BY_WORD = new LinkedHashMap<>();

    static {
        for (Keyword k : KEYWORDS) BY_WORD.put(k.word(), k);
    }

    /** Words that may surround a keyword without changing what it asks ("STOP please", "BAJA gracias"). */
    private static final Set<String> COURTESY = Set.of("please", "pls", "plz", "now", "thanks", "thank", "you", "thx",
            "ty", "all", "immediately", "asap", "right", "ok", "okay", "just", "i", "said", "already", "again",
            "por", "favor", "porfa", "porfavor", "gracias", "ya", "ahora", "mismo", "dije", "todo", "todos");

    /** Negations that turn "stop" into its opposite ("don't stop", "never stop", "no paren"). */
    private static final Pattern NEGATED = Pattern.compile("(?:\\bdon'?t|\\bdo not|\\bnever|\\bwon'?t|\\bnot)\\s+(?:\\w+\\s+)?$");
    /** The same, right before a shouted keyword only: "not interested STOP" is not a negated STOP. */
    private static final Pattern NEGATED_NOW = Pattern.compile("(?:\\bdon'?t|\\bdo not|\\bnever|\\bwon'?t|\\bnot)\\s+$");

    private static final Pattern CLAUSE = Pattern.compile("[.!?;,:\\n\\r¡¿()]+|\\s[-–—]+\\s|\\s[-–—]+$|^[-–—]+\\s");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    private static final Pattern REVOCATION_EN = Pattern.compile(String.join("|",
            "\\bstop (?:\\w+ )?(?:texting|txting|messaging|emailing|e-mailing|contacting|calling|spamming|bugging|sending|send me|writing)\\b",
            "\\bstop (?:all |these |the |your )?(?:texts|messages|msgs|emails|e-mails)\\b",
            "\\bstop it\\b",
            "\\btake (?:me|my number|this number|my email) (?:off|out of|off of)\\b",
            "\\bremove (?:me|my number|this number|my phone|my email|my info)\\b",
            "\\b(?:delete|lose) (?:my|this) (?:number|email|contact)\\b",
            "\\bunsubscribe me\\b",
            "\\b(?:opt|sign) me out\\b",
            "\\b(?:want|wish|like|need|going) to (?:optout|unsubscribe|unsub)\\b",
            "\\bhow (?:do|can) i (?:optout|unsubscribe|unsub|stop (?:these|this|the|your))\\b",
            "\\b(?:do not|don't|dont|never) (?:ever )?(?:text|txt|message|msg|email|e-mail|contact|call|sms) (?:me|this number)(?: again| anymore| any more| ever)?(?:\\s*$|[.!,]| again| anymore| any more)",
            "\\bno more (?:texts|txts|messages|msgs|emails|e-mails|sms|marketing)\\b",
            "\\bleave me alone\\b",
            "\\b(?:i )?revoke (?:my )?consent\\b",
            "\\bi (?:do not|don't|dont) (?:want|wish) (?:any more |more |to receive |to get )?(?:your )?(?:texts|messages|emails)\\b"));

    private static final Pattern REVOCATION_ES = Pattern.compile(String.join("|",
            "\\bno me (?:vuelv\\w+ a )?(?:envi\\w*|mand\\w*|escrib\\w*|contact\\w*|llam\\w*|textee\\w*|molest\\w*)(?: \\w+){0,3} (?:mas|nunca|nada|mensajes|textos|correos|sms)\\b",
            "\\bno me (?:vuelv\\w+ a )(?:enviar|mandar|escribir|contactar|llamar|molestar)\\b",
            "\\bno me (?:molest\\w+)\\b",
            "\\b(?:dej\\w+|par\\w+) de (?:enviar|mandar|escribir|contactar|llamar|molestar)(?:me|nos)\\b",
            "\\b(?:dej\\w+|par\\w+) de (?:enviar|mandar)(?: \\w+)? (?:mensajes|textos|correos)\\b",
            "\\b(?:saq|sac|quit|borr|elimin|baj)\\w*(?:me|nos) de (?:la|su|tu|esta|sus|vuestra|esa) (?:\\w+ )?lista\\b",
            "\\b(?:dar|darme|darnos|dame|denme|deme|me doy|doy|quiero darme|me quiero dar|me das|me dan|me den) de baja\\b",
            "\\b(?:ya )?no quiero (?:recibir |que me \\w+ )?(?:mas )?(?:mensajes|textos|correos|sms|nada|promociones)\\b",
            "\\bno (?:mas|quiero mas) (?:mensajes|textos|correos|sms|promociones)\\b",
            "\\bdej\\w+me en paz\\b",
            "\\b(?:cancel\\w*|anul\\w*) (?:la |mi )?suscripcion\\b",
            "\\brevoc\\w* (?:mi )?consentimiento\\b"));

    private static final String OUT_KEYWORDS = "stop|stopall|end|quit|cancel|unsubscribe|optout|revoke";
    private static final String OUT_KEYWORDS_ES = "baja|alto|parar|stop|cancelar|fin|detener";
    private static final Pattern OFFER_EN = Pattern.compile(
            "\\b(?:reply|replying|text|txt|send|respond(?: with)?|msg|type)\\s+(?:with\\s+)?[\"'“”‘’]?(?:" + OUT_KEYWORDS + ")\\b"
                    + "|\\b(?:" + OUT_KEYWORDS + ")\\s+(?:to|2)\\s+(?:optout|unsubscribe|end|cancel|quit|stop)\\b");
    private static final Pattern OFFER_ES = Pattern.compile(
            "\\b(?:responde|responda|respondan|responder|contesta|conteste|contestar|envia|envie|envien|enviar|escribe|escriba|escribir|manda|mande|mandar|textea|texto)\\s+(?:con\\s+|la palabra\\s+)?[\"'“”‘’]?(?:" + OUT_KEYWORDS_ES + ")\\b"
                    + "|\\b(?:" + OUT_KEYWORDS_ES + ")\\s+para\\s+(?:no recibir|dejar de recibir|darte de baja|darse de baja|cancelar|salir|optar|anular)");
    private static final Pattern UNSUBSCRIBE_LINK = Pattern.compile(
            "unsubscribe|optout|email preferences|manage (?:your )?(?:subscription|preferences)"
                    + "|\\{\\{\\s*account\\.(?:unsubscribe_url|preferences_url)"
                    + "|darse de baja|darte de baja|dese de baja|date de baja|cancelar (?:la |tu |su )?suscripcion"
                    + "|anular (?:la |tu |su )?suscripcion|preferencias de correo|no recibir mas correos");

    private OptOutKeywords() {
    }

    /** True when the reply revokes consent under the rules above. Null or blank is not an opt-out. */
    public static boolean isOptOut(String replyText) {
        return match(replyText).isPresent();
    }

    /** The rule and words that make the reply an opt-out, or empty. */
    public static Optional<Match> match(String replyText) {
        if (replyText == null || replyText.isBlank()) return Optional.empty();
        return MATCHES.get(replyText, OptOutKeywords::find);
    }

    /** Every reply is checked by the simulator and again by the classifier; most repeat across walks. */
    private static final Memo<String, Optional<Match>> MATCHES = new Memo<>(4096);

    private static Optional<Match> find(String replyText) {
        String norm = normalize(replyText);
        for (String clause : CLAUSE.split(norm)) {
            String kw = soleKeyword(clause);
            if (kw != null) return Optional.of(new Match(Rule.KEYWORD, kw));
        }
        String shouted = shoutedKeyword(replyText);
        if (shouted != null) return Optional.of(new Match(Rule.SHOUTED_KEYWORD, shouted));
        Matcher en = REVOCATION_EN.matcher(norm);
        while (en.find()) {
            if (!NEGATED.matcher(norm.substring(0, en.start())).find()) return Optional.of(new Match(Rule.REVOCATION, en.group()));
        }
        Matcher es = REVOCATION_ES.matcher(norm);
        if (es.find()) return Optional.of(new Match(Rule.REVOCATION, es.group()));
        return Optional.empty();
    }

    /**
     * True when an outbound text tells the contact how to opt out: "Reply STOP to opt out",
     * "Txt STOP to end", "STOP to unsubscribe", "Responde BAJA para no recibir más mensajes",
     * "Envía ALTO para cancelar".
     */
    public static boolean offersOptOut(String messageText) {
        if (messageText == null) return false;
        String norm = normalize(messageText);
        return OFFER_EN.matcher(norm).find() || OFFER_ES.matcher(norm).find();
    }

    /** True when an email names an unsubscribe path, in English or Spanish (link, merge field or instruction). */
    public static boolean offersUnsubscribe(String messageText) {
        if (messageText == null) return false;
        String norm = normalize(messageText);
        return UNSUBSCRIBE_LINK.matcher(norm).find() || offersOptOut(messageText);
    }

    /** The table's row for a keyword (case and accents ignored), if it is one. */
    public static Optional<Keyword> keyword(String word) {
        return word == null ? Optional.empty() : Optional.ofNullable(BY_WORD.get(normalize(word).trim()));
    }

    /**
     * Lower case, accents stripped (so "más" and "mas" read alike), typographic apostrophes made plain,
     * and every spelling of "opt out" made one word.
     */
    static String normalize(String text) {
        String t = withoutMarks(text);
        t = t.toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'');
        return t.replaceAll("\\bopt[\\s-]*out\\b", "optout").replaceAll("\\bstop[\\s-]+all\\b", "stopall")
                .replaceAll("[ \\t]+", " ");
    }

    /**
     * Accents stripped: canonical decomposition, then the combining marks removed. ASCII text has neither, and
     * skips the JDK's Unicode normalisation tables (loaded on first use: a Lambda's first step reads an English
     * reply; docs/PERFORMANCE.md, "Lambda cold start").
     */
    static String withoutMarks(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        }
        return text;
    }

    /** The keyword a clause consists of, courtesy words aside, or null. */
    private static String soleKeyword(String clause) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(clause);
        while (m.find()) {
            String w = m.group();
            if (!COURTESY.contains(w)) words.add(w);
        }
        if (words.isEmpty()) return null;
        String joined = String.join(" ", words);
        if (BY_WORD.containsKey(joined)) return joined;
        // "stop stop", "STOP STOP STOP"
        String first = words.get(0);
        if (BY_WORD.containsKey(first) && words.stream().allMatch(first::equals)) return first;
        return null;
    }

    /** An unambiguous keyword in capitals inside text that also has lower case, and not negated. */
    private static String shoutedKeyword(String original) {
        if (!original.chars().anyMatch(Character::isLowerCase)) return null;
        String folded = withoutMarks(original)
                .replaceAll("\\bOPT[\\s-]*OUT\\b", "OPTOUT");
        Matcher m = Pattern.compile("\\b[A-Z]{3,}\\b").matcher(folded);
        while (m.find()) {
            Keyword k = BY_WORD.get(m.group().toLowerCase(Locale.ROOT));
            String before = folded.substring(0, m.start()).toLowerCase(Locale.ROOT).replace('’', '\'');
            if (k != null && k.shoutable() && !NEGATED_NOW.matcher(before).find()) return k.word();
        }
        return null;
    }

    /** The keywords of one language, for documentation and validators' messages. */
    public static List<String> keywords(Language language) {
        return KEYWORDS.stream().filter(k -> k.language() == language)
                .map(Keyword::word).toList();
    }
}
