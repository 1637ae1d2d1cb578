package dev.rehearsal.engine.reading;

import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.OutboundMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an outbound message the way its recipient does: code and documented rules, no model. The
 * output, a {@link MessageReading}, is everything the offline engine lets message content shape, so
 * a wording change the reader does not see changes no reply (common random numbers). The rules are
 * documented in docs/PERSONAS.md ("The message reader"); in short:
 *
 * <ul>
 *   <li><b>act</b>: the first rule that matches, in order: survey (survey, review, rate us, feedback,
 *       1-5; not with a discount), transactional (order, receipt, shipped, invoice, password...; an amount
 *       is allowed, a free/discount/trial offer is not), reminder (reminder, "your appointment", "is
 *       tomorrow", "reply C to confirm"...), re-engagement (we miss you,
 *       still interested, it's been a while), invite (webinar, open house, event, workshop, RSVP),
 *       offer (a price, discount, free, trial, sale or a call to book/buy), else nurture;</li>
 *   <li><b>reply codes</b>: "Reply C to confirm", "text YES for", "or R to reschedule", "responde SI
 *       para" — the code and the verb that follows; opt-out codes (STOP, HELP, BAJA) are not options;</li>
 *   <li><b>vertical</b>: the declared one, else the vertical whose words occur most in the sender name
 *       (counted twice), this message and the earlier ones;</li>
 *   <li><b>language</b>: Spanish when Spanish function words outnumber English ones, else English.</li>
 * </ul>
 */
public final class MessageReader {

    private static final Pattern TRANSACTIONAL = Pattern.compile("\\b(your order|order #|order number|has shipped|shipped|tracking number|receipt|invoice|ready for pick ?up|ready to pick up|payment (received|failed|is due)|password|account (update|notice)|delivered|refund|tu pedido|recibo|factura|pago recibido|enviado)\\b");
    private static final Pattern REMINDER = Pattern.compile("\\b(reminder|your appointment|your visit|your (cleaning|consultation|inspection|session|class) (is|on|at)|is (tomorrow|today) at|scheduled for|see you (tomorrow|on|at|today)|to confirm|confirm your|recordatorio|tu cita|su cita|confirmar)\\b");
    private static final Pattern SURVEY = Pattern.compile("\\b(survey|(leave|write|post|give) (us )?a (quick )?review|review us|rate (us|your)|how did we do|how was your|feedback|on a scale|from 1|1-5|1 to 5|encuesta|rese[ñn]a|opini[oó]n|c[oó]mo fue)\\b");
    private static final Pattern REENGAGE = Pattern.compile("\\b(we miss you|miss you|it'?s been a while|haven'?t seen you|still interested|are you still|come back|welcome back|te extra[ñn]amos|hace tiempo|sigues interesad[oa])\\b");
    private static final Pattern INVITE = Pattern.compile("\\b(webinar|open house|event|workshop|masterclass|meetup|rsvp|you'?re invited|join us (on|for|at)|grand opening|launch party|evento|taller|invitad[oa]s?|te invitamos)\\b");
    private static final Pattern OFFER_WORDS = Pattern.compile("\\b(want (a|an|to|me to|us to)|would you like|sale|deal|offer|special|promo|book|schedule|buy|order now|shop now|sign up|get started|quote|estimate|consult\\w*|demo|claim|reserve|oferta|promoci[oó]n|reserva|agenda|cotizaci[oó]n|presupuesto)\\b");
    private static final Pattern PRICE = Pattern.compile("(?:\\$|€|US\\$) ?\\d[\\d,]*(?:\\.\\d\\d)?(?: ?(?:/ ?(?:mo|month|mes|yr|year|user|seat|visit|session|class|person)|a month|per month|al mes|per (?:user|seat|visit|session|person)))?|\\b\\d[\\d,]*(?:\\.\\d\\d)? ?(?:dollars|d[oó]lares|euros)\\b");
    private static final Pattern FREE = Pattern.compile("\\b(free|gratis|gratuit[oa]s?|complimentary|no cost|sin costo|on us|de regalo)\\b");
    private static final Pattern NOT_FREE = Pattern.compile("\\b(feel free|toll[- ]free|free to|free of charge to call|sugar[- ]free|gluten[- ]free|hands[- ]free|free time)\\b");
    private static final Pattern FREE_PERK = Pattern.compile("\\bfree (shipping|delivery|returns|gift wrap\\w*)\\b|\\benv[ií]o gratis\\b");
    private static final Pattern DISCOUNT = Pattern.compile("\\d+ ?% ?(off|de descuento|descuento)|\\b(discount|coupon|promo code|save \\$|save \\d+|bogo|buy one get one|half off|half price|descuento|cup[oó]n|rebaja)\\b");
    private static final Pattern TRIAL = Pattern.compile("\\b(trial|try it free|try (it )?for free|first (\\w+ )?(session|class|month|week|visit) (is )?free|prueba gratis|periodo de prueba|primera clase gratis)\\b");
    private static final Pattern LINK = Pattern.compile("https?://|www\\.|\\b[a-z0-9-]+\\.(com|io|ly|co|net|org|app|es|mx)/");
    private static final Pattern PROOF = Pattern.compile("\\b(reviews?|testimonials?|case stud(y|ies)|customers|rated|stars|trusted by|clients|award|rese[ñn]as|clientes)\\b");
    private static final Pattern TECH = Pattern.compile("\\b(integrations?|api|security|specs|documentation|docs|sso|saml|encryption|encrypted|uptime|soc ?2|gdpr|hipaa|webhooks?|sla)\\b");
    private static final Pattern URGENCY = Pattern.compile("\\b(act now|limited time|urgent|today only|last chance|expires|hurry|don'?t miss|ends tonight|ends today|only \\d+ (left|spots)|while supplies last|final hours|[uú]ltima oportunidad|solo hoy|no te lo pierdas|date prisa)\\b");
    private static final Pattern SPAM = Pattern.compile("\\b(winner|you'?ve won|congratulations|guaranteed|risk[- ]free|100% free|click here|cash|\\$\\$\\$|no obligation|act immediately|ganaste|felicidades)\\b");
    private static final Pattern CAPS_WORD = Pattern.compile("\\b[A-Z]{4,}\\b");
    private static final Pattern CODE = Pattern.compile("\\b(?:reply|text|respond|send|responde|contesta|env[ií]a|escribe)\\s+(?:with\\s+|back\\s+|con\\s+)?[\"“']?([A-Za-z0-9]{1,10}|s[ií])[\"”']?\\s+(?:to|for|if|and|para|si|y)\\s+(\\p{L}+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OR_CODE = Pattern.compile("\\b(?:or|o)\\s+[\"“']?([A-Z0-9]{1,10}|S[IÍ])[\"”']?\\s+(?:to|for|if|para|si)\\s+(\\p{L}+)");
    private static final Pattern WHEN = Pattern.compile("\\b((?:today|tomorrow|tonight|this (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|hoy|ma[ñn]ana|el (?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo))(?:,? \\w+ \\d{1,2})?(?: (?:at|a las)) \\d{1,2}(?::\\d\\d)? ?(?:am|pm|a\\.m\\.|p\\.m\\.)?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ES_WORDS = Pattern.compile("\\b(el|la|los|las|de|del|que|para|por|con|una|tu|su|hola|gracias|cita|nuestro|nuestra|est[aá]|es|en|y|te|le)\\b");
    private static final Pattern EN_WORDS = Pattern.compile("\\b(the|to|your|you|and|for|is|with|our|we|of|a|at|on|this|it|in)\\b");
    private static final List<String> OPT_OUT_CODES = List.of("stop", "help", "baja", "unsubscribe", "alto", "info", "ayuda", "stopall", "end", "quit");
    private static final List<String> TOPICS = List.of("free intro session", "intro session", "free trial", "trial", "demo",
            "consultation", "consult", "free estimate", "estimate", "quote", "inspection", "cleaning", "checkup",
            "check-up", "appointment", "showing", "open house", "webinar", "workshop", "membership", "class",
            "session", "tour", "test drive", "oil change", "order", "survey", "review", "visit", "audit",
            "walkthrough", "tune-up", "test ride", "fitting", "repair", "service", "call", "sale", "offer",
            "clase de prueba", "clase gratis", "prueba gratis", "consulta", "cita", "presupuesto", "cotización",
            "inspección", "limpieza", "demostración", "visita", "pedido", "encuesta", "membresía", "oferta", "taller");

    private static final Pattern ACRONYMS = Pattern.compile("\\b(STOP|HELP|BAJA|STOPALL|YES|NO|SI|SÍ|RSVP|FAQ|HIPAA|GDPR|HVAC|SAML|SOC)\\b");
    private static final Pattern ACCENTS = Pattern.compile("[ñ¿¡áéíóú]");
    /** Walks read the same few messages thousands of times; a reading depends only on the key. */
    private static final Memo<List<Object>, MessageReading> CACHE = new Memo<>(1024);
    private static final List<Pattern> TOPIC_PATTERNS = TOPICS.stream()
            .map(w -> Pattern.compile("\\b" + Pattern.quote(w) + "\\b")).toList();

    private MessageReader() {
    }

    /** Reads one message; {@code declared} is the workflow's {@code vertical} setting (null to infer). */
    public static MessageReading read(OutboundMessage m, String declared, String senderName, List<String> earlier) {
        List<Object> key = java.util.Arrays.asList(m.channel(), m.subject(), m.body(), declared, senderName,
                earlier == null ? List.of() : new java.util.ArrayList<>(earlier));
        return CACHE.get(key, k -> readUncached(m, declared, senderName, earlier));
    }

    private static MessageReading readUncached(OutboundMessage m, String declared, String senderName, List<String> earlier) {
        String raw = (m.subject() == null ? "" : m.subject() + "\n") + (m.body() == null ? "" : m.body());
        String t = raw.toLowerCase(Locale.ROOT);
        String language = language(t);
        Vertical vertical = Vertical.fromWire(declared).orElseGet(() -> infer(senderName, t, earlier));
        Map<String, String> codes = codes(raw);
        Offer offer = offer(t);
        Act act = act(t, codes, offer);
        long caps = CAPS_WORD.matcher(ACRONYMS.matcher(raw).replaceAll("")).results().count();
        long letters = raw.chars().filter(Character::isLetter).count();
        long upper = raw.chars().filter(Character::isUpperCase).count();
        boolean shouting = caps >= 2 || (letters >= 20 && upper * 10 > letters * 5);
        boolean urgency = URGENCY.matcher(t).find();
        boolean exclaims = raw.chars().filter(c -> c == '!').count() >= 3;
        boolean spammy = SPAM.matcher(t).find() || (shouting && (urgency || exclaims));
        String topic = null;
        for (int i = 0; i < TOPICS.size() && topic == null; i++) if (TOPIC_PATTERNS.get(i).matcher(t).find()) topic = TOPICS.get(i);
        Matcher when = WHEN.matcher(raw);
        return new MessageReading(act, m.channel(), language, vertical, codes, LINK.matcher(t).find(), offer,
                questions(raw), topic, when.find() ? when.group(1).trim() : null, TECH.matcher(t).find(),
                PROOF.matcher(t).find(), shouting, urgency, exclaims, spammy, offTopic(declared, senderName, t, earlier));
    }

    /** As {@link #read(OutboundMessage, String, String, List)} with nothing but the message. */
    public static MessageReading read(OutboundMessage m) {
        return read(m, null, null, List.of());
    }

    /**
     * The message is about another business than the sender's (declared, or read from the sender name
     * and earlier messages): at least two words of another vertical and none of the sender's.
     */
    static boolean offTopic(String declared, String senderName, String t, List<String> earlier) {
        Vertical own = infer(null, t, List.of());
        if (own == Vertical.GENERAL || own.hits(t) < 2) return false;
        Vertical business = Vertical.fromWire(declared).orElseGet(() -> infer(senderName, "", earlier));
        return business != Vertical.GENERAL && business != own && business.hits(t) == 0;
    }

    static Act act(String t, Map<String, String> codes, Offer offer) {
        // A survey often thanks for an order first; an amount on a receipt is not an offer.
        if (SURVEY.matcher(t).find() && !offer.discount()) return Act.SURVEY;
        if (TRANSACTIONAL.matcher(t).find() && !offer.free() && !offer.discount() && !offer.trial()) return Act.TRANSACTIONAL;
        if (REMINDER.matcher(t).find() || codes.containsValue("confirm") || codes.containsValue("reschedule")) return Act.REMINDER;
        if (REENGAGE.matcher(t).find()) return Act.REENGAGEMENT;
        if (INVITE.matcher(t).find()) return Act.INVITE;
        // Reply codes that offer a choice ("Reply 1 for Thursday") ask for a decision, like an offer.
        if (offer.any() || OFFER_WORDS.matcher(t).find() || !codes.isEmpty()) return Act.OFFER;
        return Act.NURTURE;
    }

    static Offer offer(String t) {
        Matcher p = PRICE.matcher(t);
        String price = p.find() ? p.group().trim() : null;
        // Free shipping is a perk on a purchase, not something free to try: it counts as a discount.
        boolean perk = FREE_PERK.matcher(t).find();
        boolean free = FREE.matcher(FREE_PERK.matcher(NOT_FREE.matcher(t).replaceAll(" ")).replaceAll(" ")).find();
        return new Offer(price, free, perk || DISCOUNT.matcher(t).find(), TRIAL.matcher(t).find());
    }

    static Map<String, String> codes(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Pattern p : List.of(CODE, OR_CODE)) {
            Matcher m = p.matcher(raw);
            while (m.find()) {
                String code = m.group(1);
                String lc = code.toLowerCase(Locale.ROOT);
                // "Reply to this email" / "text us" name no code; lower-case words are not codes.
                if (OPT_OUT_CODES.contains(lc) || lc.equals("us") || lc.equals("back") || lc.equals("this")
                        || (code.equals(lc) && code.length() > 1 && !lc.matches("\\d+"))) continue;
                out.putIfAbsent(code.toUpperCase(Locale.ROOT), meaning(m.group(2).toLowerCase(Locale.ROOT)));
            }
        }
        return out;
    }

    private static String meaning(String verb) {
        return switch (verb) {
            case "confirm", "confirmar", "confirm." -> "confirm";
            case "reschedule", "change", "move", "reprogramar", "cambiar" -> "reschedule";
            case "cancel", "cancelar" -> "cancel";
            case "book", "schedule", "reserve", "claim", "reservar", "agendar" -> "book";
            default -> "yes";
        };
    }

    static List<String> questions(String raw) {
        List<String> out = new ArrayList<>();
        for (String s : raw.split("(?<=[.!?])\\s+|\\n")) {
            String q = s.trim();
            if (q.endsWith("?") && q.length() > 1) out.add(q);
        }
        return out;
    }

    /**
     * "es" or "en" when a text's function words say so clearly (at least two, more than twice the other
     * language's), else null: short replies ("ok", "C", "STOP") and mixed text have no clear language.
     */
    public static String clearLanguage(String text) {
        if (text == null) return null;
        String t = text.toLowerCase(Locale.ROOT);
        long es = ES_WORDS.matcher(t).results().count() + (ACCENTS.matcher(t).find() ? 2 : 0);
        long en = EN_WORDS.matcher(t).results().count();
        if (es >= 2 && es > 2 * en) return "es";
        if (en >= 2 && en > 2 * es) return "en";
        return null;
    }

    static String language(String t) {
        long es = ES_WORDS.matcher(t).results().count() + (ACCENTS.matcher(t).find() ? 2 : 0);
        long en = EN_WORDS.matcher(t).results().count();
        return es > en ? "es" : "en";
    }

    static Vertical infer(String senderName, String t, List<String> earlier) {
        String sender = senderName == null ? "" : senderName.toLowerCase(Locale.ROOT);
        String before = earlier == null ? "" : String.join("\n", earlier).toLowerCase(Locale.ROOT);
        Vertical best = Vertical.GENERAL;
        int bestScore = 0;
        for (Vertical v : Vertical.values()) {
            int score = 2 * v.hits(sender) * 2 + 2 * v.hits(t) + v.hits(before);
            if (score > bestScore) {
                best = v;
                bestScore = score;
            }
        }
        return best;
    }
}
