package dev.rehearsal.engine.reading;

import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.Sentiment;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The default reply classifier: ordered code rules over the reply text, English and Spanish. The first
 * rule that matches decides the intent (rule names are what {@link ReplyReading#rule()} reports):
 * <ol>
 *   <li>{@code empty} → neutral;</li>
 *   <li>{@code opt_out} → opt_out: {@link OptOutKeywords#isOptOut} (keywords and revocations);</li>
 *   <li>{@code decline} → not_interested: "not interested", "no thanks", "all set", "not now", a bare "no",
 *       "no me interesa", "ahora no";</li>
 *   <li>{@code commitment} → ready_to_buy: asks to book, buy or start ("book me", "sign me up",
 *       "let's do it", "Thursday at 10 works", "resérvame", "me apunto");</li>
 *   <li>{@code price_pushback} → price_objection (negative): "too expensive", "any discount?",
 *       "cheaper", "muy caro";</li>
 *   <li>{@code price_question} → price_objection: asks what it costs ("how much", "what's the price",
 *       "¿cuánto cuesta?") — price is the lead's concern either way;</li>
 *   <li>{@code doubt} → objection (negative): distrust or pressure pushed back ("what's the catch",
 *       "how do I know this works", "pressure tactics", "¿cuál es la trampa?");</li>
 *   <li>{@code next_step} → interested: agrees and asks only how to proceed ("Yes! What are the next
 *       steps?", "Interested. How do we start?");</li>
 *   <li>{@code question} → question: any other question mark or question opener, and requests for
 *       information ("send info", "mándame más información");</li>
 *   <li>{@code deferral} → neutral: "later", "I'll think about it", "call next week", "lo pienso";</li>
 *   <li>{@code affirmation} → interested: "yes", "sure", "sounds good", "C", "confirmed", "sí", "claro";</li>
 *   <li>{@code acknowledgement} → neutral: anything else ("ok", "got it", "k thx").</li>
 * </ol>
 * Sentiment: negative for opt_out, decline, price_pushback and doubt; positive for commitment,
 * next_step and affirmation; otherwise a small word lexicon decides (more positive than negative
 * words → positive, the reverse → negative, else neutral). A reply's meaning that is not in its
 * text (a persona that "means" interest but only asks a question) is invisible here by design:
 * that gap is what the report's {@code intent_misread} finding measures.
 */
public final class RuleReplyClassifier implements ReplyClassifier {
    static final RuleReplyClassifier INSTANCE = new RuleReplyClassifier();
    public static final String NAME = "rules";

    private record Rule(String name, Intent intent, Sentiment sentiment, Pattern pattern) {
    }

    private static Pattern p(String... alternatives) {
        return Pattern.compile(String.join("|", alternatives));
    }

    private static final Rule DECLINE = new Rule("decline", Intent.NOT_INTERESTED, Sentiment.NEGATIVE, p(
            "\\bnot interested\\b", "\\bno,? thanks?\\b", "\\bno,? thank you\\b", "\\b(?:i'?m|we'?re) all set\\b",
            "\\bnot for (?:me|us)\\b", "\\bnot now\\b", "\\bno need\\b", "\\bi'?ll pass\\b", "\\bnot looking\\b",
            "\\bno longer (?:need|interested|looking)\\b", "\\bnot a good fit\\b", "^(?:no|nope|nah)\\W*$",
            "\\bno me interesa\\b", "\\bno (?:estoy|estamos) interesad", "\\bno,? gracias\\b", "\\bahora no\\b",
            "\\bno lo necesito\\b", "\\bno (?:me|nos) hace falta\\b", "\\bya tengo (?:uno|una|gimnasio|dentista|proveedor)\\b"));

    private static final Rule COMMITMENT = new Rule("commitment", Intent.READY_TO_BUY, Sentiment.POSITIVE, p(
            "\\bbook (?:me|it|us|that|the|a|my)\\b", "\\b(?:sign|signing) (?:me|us) up\\b", "\\bcount me in\\b",
            "\\bi'?m in\\b", "\\blet'?s (?:do it|go|book|schedule|set (?:it |that |one |something )?up|start)\\b",
            "\\bschedule (?:me|it|us|the|a)\\b", "\\bgrab me\\b", "\\bhold (?:a|the|my|me a) (?:spot|slot|seat|place)\\b",
            "\\breserve (?:me|a|the|my)\\b", "\\bi'?ll take it\\b", "\\bwhere do i (?:pay|sign)\\b",
            "\\bready to (?:buy|start|sign|book|go|move forward)\\b", "\\b(?:i|we)(?:'d| would) like to (?:book|schedule|sign up|start|buy|order)\\b",
            "\\b(?:i|we) (?:want|need) to (?:book|schedule|sign up|buy|order)\\b",
            "\\b(?:ordering|buying) (?:it |one |them )?(?:now|today)\\b", "\\bjust (?:ordered|placed an order|bought)\\b",
            "\\badding (?:it|them) to my cart\\b", "\\bi'?ll (?:order|buy)\\b", "\\blo (?:pido|compro)\\b", "\\bya (?:hice el pedido|ped[ií])\\b",
            "\\b(?:can|could) (?:we|i) (?:do|get|set up|schedule|book) (?:a |the )?(?:\\w+ ){0,2}(?:demo|call|consult\\w*|appointment|session|meeting|trial|visit|tour|class)\\b",
            "\\bi could do (?:a |the )?(?:\\w+ ){0,2}(?:demo|call|consult\\w*|appointment|session|meeting|trial|visit|tour|class)\\b",
            "\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today) (?:at )?\\d{1,2}(?::\\d\\d)?\\s*(?:am|pm)? works\\b",
            "\\bi'?ll try it\\b", "\\bsandbox account\\b",
            "\\breserv(?:ame|amelo|alo|a) ", "\\breserv(?:ame|amelo|alo)\\b", "\\bagend(?:ame|alo|amelo)\\b", "\\bapunt(?:ame|enme)\\b",
            "\\bme apunto\\b", "\\binscrib(?:eme|anme)\\b", "\\blo compro\\b", "\\btrato hecho\\b",
            "\\bquiero (?:reservar|agendar|comprar|inscribirme|apuntarme|empezar)\\b", "\\bvamos a hacerlo\\b"));

    private static final Rule PRICE_PUSHBACK = new Rule("price_pushback", Intent.PRICE_OBJECTION, Sentiment.NEGATIVE, p(
            "\\btoo (?:expensive|pricey|much)\\b", "\\bpricey\\b", "\\bcan'?t afford\\b", "\\bmore than i can (?:spend|pay|afford)\\b",
            "\\bcheaper\\b", "\\bany discount", "\\b(?:a|got a|have a) (?:discount|coupon|promo code)\\b",
            "\\b(?:out of|over) (?:my|our|the) budget\\b", "\\bmatch (?:it|that|the price)\\b", "\\bexpensive\\b",
            "\\b(?:muy|demasiado) caro\\b", "\\bmas barato\\b", "\\bno me alcanza\\b", "\\b(?:algun|hay) descuento\\b",
            "\\bfuera de (?:mi|nuestro) presupuesto\\b", "\\bcupon\\b"));

    private static final Rule PRICE_QUESTION = new Rule("price_question", Intent.PRICE_OBJECTION, null, p(
            "\\bhow much\\b", "\\bwhat(?:'s| is| does)(?: the| it)? (?:price|cost|pricing|fee)", "\\bwhat does (?:it|the \\w+|this) cost\\b",
            "\\b(?:price|pricing|cost|fee)s?\\s*\\?", "\\bmonthly fee\\b", "\\bwhat'?s it cost\\b",
            "\\bcuanto (?:cuesta|vale|es|cobran|sale)\\b", "\\bprecio\\b", "\\bque cuesta\\b"));

    private static final Rule DOUBT = new Rule("doubt", Intent.OBJECTION, Sentiment.NEGATIVE, p(
            "\\bwhat'?s the catch\\b", "\\bhow do i know\\b", "\\bwhy would i (?:switch|change|pay|trust)\\b",
            "\\btoo good to be true\\b", "\\bnot convinced\\b", "\\bdon'?t (?:trust|believe)\\b", "\\bsounds like a scam\\b",
            "\\bscam\\b", "\\bpressure tactics?\\b", "\\bon a deadline\\b", "\\bonly good today\\b", "\\bi'?m skeptical\\b",
            "\\bi doubt\\b", "\\bdon'?t buy it\\b",
            "\\bcual es la trampa\\b", "\\bcomo se (?:que|yo que)\\b", "\\bno (?:me )?(?:lo )?creo\\b", "\\bestafa\\b",
            "\\bno confio\\b", "\\bme presionan?\\b", "\\bsin presion\\b"));

    private static final Pattern AGREE = p("^(?:yes|yeah|yep|yup|sure|absolutely|definitely|of course|ok(?:ay)?|sounds good|interested|love it|great|perfect|awesome|si|claro|me interesa|por supuesto|perfecto|genial|vale)\\b",
            "\\b(?:i'?m|we'?re|very|really|definitely) interested\\b", "\\bcould work for (?:us|me)\\b", "\\bme interesa\\b");
    private static final Pattern NEXT_STEP_ONLY = p(
            "^(?:what'?s|what are) (?:the )?next(?: steps?)?\\W*$", "^how (?:do|can) (?:we|i) (?:start|get started|proceed|sign up|join)\\W*$",
            "^what now\\W*$", "^(?:cual es el|cuales son los) siguientes? pasos?\\W*$", "^como (?:empiezo|empezamos|me inscribo)\\W*$");

    private static final Pattern QUESTION = p("\\?", "^(?:what|how|when|where|why|who|which|is|are|do|does|did|can|could|will|would|should|any)\\b",
            "\\bsend (?:me )?(?:more )?(?:info|information|details|the docs|a case study|pricing)\\b", "\\bmore info\\b",
            "^(?:que|como|cuando|donde|por que|quien|cual|cuanto|hay|tienen|puedo|pueden)\\b",
            "\\b(?:mandame|enviame|mandenme|envienme) (?:mas )?(?:informacion|info|detalles)\\b");

    private static final Rule DEFERRAL = new Rule("deferral", Intent.NEUTRAL, Sentiment.NEUTRAL, p(
            "\\blater\\b", "\\bthink about it\\b", "\\bnext (?:wk|week|month)\\b", "\\bwhen i have (?:a minute|time)\\b",
            "\\bmaybe\\b", "\\bbusy\\b", "\\bnot sure\\b", "\\bget back to you\\b", "\\btake a look\\b",
            "\\bluego\\b", "\\bmas tarde\\b", "\\blo pienso\\b", "\\blo voy a pensar\\b", "\\btal vez\\b", "\\bquizas?\\b",
            "\\bocupad[oa]\\b", "\\bla proxima semana\\b"));

    private static final Pattern AFFIRMATION = p(
            "^(?:yes|yeah|yep|yup|ya|sure|absolutely|definitely|of course|sounds good|sounds great|perfect|great|awesome|love it|deal|confirmed?|c|y|1|si|claro|por supuesto|perfecto|genial|confirmo|confirmado|de acuerdo|vale|me interesa)\\b",
            "\\b(?:i'?m|we'?re|very|really|definitely) interested\\b", "\\bexactly what i need\\b", "\\bsee you (?:then|there|soon|tomorrow)\\b",
            "\\bi'?ll be there\\b", "\\bcould work for (?:us|me)\\b", "\\bnos vemos\\b", "\\balli estare\\b", "\\bme encanta\\b",
            "\\btell me more\\b", "\\bcuentame mas\\b");

    private static final List<String> POSITIVE_WORDS = List.of("thanks", "thank", "great", "love", "excited", "perfect",
            "awesome", "good", "nice", "happy", "appreciate", "fun", "glad", "helps", "gracias", "genial", "perfecto",
            "encanta", "bueno", "buena", "feliz", "gem");
    private static final List<String> NEGATIVE_WORDS = List.of("not", "no", "don't", "never", "annoying", "annoyed",
            "angry", "bad", "worse", "terrible", "hate", "waste", "spam", "expensive", "wrong", "molesto", "mal", "nunca",
            "caro", "odio", "basura");

    /** The offline engine's replies repeat across walks (docs/PERFORMANCE.md): a reading depends only on the text. */
    private static final Memo<String, ReplyReading> READINGS = new Memo<>(4096);

    @Override
    public ReplyReading classify(String replyText) {
        if (replyText == null || replyText.isBlank()) return reading(Intent.NEUTRAL, Sentiment.NEUTRAL, false, "empty");
        return READINGS.get(replyText, RuleReplyClassifier::read);
    }

    private static ReplyReading read(String replyText) {
        if (OptOutKeywords.isOptOut(replyText)) return reading(Intent.OPT_OUT, Sentiment.NEGATIVE, true, "opt_out");
        String t = OptOutKeywords.normalize(replyText).trim();
        for (Rule r : List.of(DECLINE, COMMITMENT, PRICE_PUSHBACK, PRICE_QUESTION, DOUBT)) {
            if (r.pattern().matcher(t).find()) {
                return reading(r.intent(), r.sentiment() != null ? r.sentiment() : lexicon(t), false, r.name());
            }
        }
        if (agreesAndAsksOnlyNextStep(t)) return reading(Intent.INTERESTED, Sentiment.POSITIVE, false, "next_step");
        if (QUESTION.matcher(t).find()) return reading(Intent.QUESTION, lexicon(t), false, "question");
        if (DEFERRAL.pattern().matcher(t).find()) return reading(Intent.NEUTRAL, Sentiment.NEUTRAL, false, DEFERRAL.name());
        if (AFFIRMATION.matcher(t).find()) return reading(Intent.INTERESTED, Sentiment.POSITIVE, false, "affirmation");
        return reading(Intent.NEUTRAL, lexicon(t), false, "acknowledgement");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** "Yes! What are the next steps?": every question in it is about how to go ahead. */
    private static boolean agreesAndAsksOnlyNextStep(String t) {
        String[] sentences = t.split("(?<=[.!?])\\s+");
        boolean agrees = false, asksNext = false;
        for (String s : sentences) {
            String plain = s.replaceAll("^[¡¿\\s]+", "").trim();
            if (NEXT_STEP_ONLY.matcher(plain).find()) asksNext = true;
            else if (plain.contains("?")) return false;
            else if (AGREE.matcher(plain).find()) agrees = true;
        }
        return agrees && asksNext;
    }

    private static Sentiment lexicon(String t) {
        int score = 0;
        for (String w : t.split("[^\\p{L}']+")) {
            if (POSITIVE_WORDS.contains(w)) score++;
            if (NEGATIVE_WORDS.contains(w)) score--;
        }
        return score > 0 ? Sentiment.POSITIVE : score < 0 ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
    }

    private static ReplyReading reading(Intent i, Sentiment s, boolean optOut, String rule) {
        return new ReplyReading(i, s, optOut, rule, NAME);
    }
}
