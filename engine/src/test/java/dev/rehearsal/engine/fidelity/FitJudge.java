package dev.rehearsal.engine.fidelity;

import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.reading.Act;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.engine.reading.Vertical;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.rehearsal.engine.llm.Intent.*;

/**
 * Judges one reply by its text, never by what the engine meant: the reply classifier reads its intent,
 * and topic rules read its words. A reply fits when every rule holds (docs/FIDELITY.md lists them):
 * <ol>
 *   <li>act: the intent is one a person gives to that kind of message ({@link #ACT_FITS});</li>
 *   <li>persona: the intent is one this persona gives ({@link #PERSONA_NEVER});</li>
 *   <li>topic: no words that belong only to another vertical's business ({@link #VOCABULARY});</li>
 *   <li>codes: a reply that starts with a bare code uses one the message offered on its channel;</li>
 *   <li>language: a Spanish-speaking persona answers in Spanish, others do not;</li>
 *   <li>voice: Busy Bob writes at most 6 words, Chatty Cathy at least 80 characters.</li>
 * </ol>
 * These lists are written for judging, apart from the engine's phrase banks and the reader's word lists.
 */
final class FitJudge {
    static final Map<Act, Set<Intent>> ACT_FITS = Map.of(
            Act.REMINDER, EnumSet.of(INTERESTED, READY_TO_BUY, QUESTION, NEUTRAL, OPT_OUT),
            Act.TRANSACTIONAL, EnumSet.of(NEUTRAL, INTERESTED, QUESTION, OPT_OUT),
            Act.SURVEY, EnumSet.of(NEUTRAL, INTERESTED, QUESTION, OBJECTION, OPT_OUT),
            // Content can move a lead to ask for a call: ready_to_buy fits nurture too.
            Act.NURTURE, EnumSet.of(NEUTRAL, INTERESTED, READY_TO_BUY, QUESTION, OBJECTION, NOT_INTERESTED, OPT_OUT),
            Act.INVITE, EnumSet.of(INTERESTED, READY_TO_BUY, QUESTION, NEUTRAL, NOT_INTERESTED, OBJECTION, PRICE_OBJECTION, OPT_OUT),
            Act.OFFER, EnumSet.allOf(Intent.class),
            Act.REENGAGEMENT, EnumSet.allOf(Intent.class));

    static final Map<String, Set<Intent>> PERSONA_NEVER = Map.of(
            "eager-eddie", EnumSet.of(NOT_INTERESTED, OBJECTION, PRICE_OBJECTION),
            "skeptical-sarah", EnumSet.of(READY_TO_BUY),
            "chatty-cathy", EnumSet.of(NOT_INTERESTED, OBJECTION),
            "cold-carl", EnumSet.complementOf(EnumSet.of(OPT_OUT, NOT_INTERESTED)),
            "technical-tim", EnumSet.of(NOT_INTERESTED));

    /** Words a reply may use only when the business is of that vertical. */
    static final Map<Vertical, Pattern> VOCABULARY = Map.ofEntries(
            Map.entry(Vertical.SAAS, words("api|sso|saml|soc 2|encrypt\\w*|integrat\\w*|webhook\\w*|sandbox|rate limits|seats")),
            Map.entry(Vertical.DENTAL, words("x-rays?|hygienist|teeth|floss\\w*|invisalign|sedation|cavit\\w*|delta dental|radiograf\\w*|dientes")),
            Map.entry(Vertical.FITNESS, words("class schedule|squat|free weights|rowing|sauna|locker room|mat|trainers?|entrenador\\w*|workout|wod")),
            Map.entry(Vertical.HOME_SERVICES, words("shingles?|crew|gutters?|licensed and insured|labour|tejas|canaletas")),
            Map.entry(Vertical.REAL_ESTATE, words("hoa|square footage|year built|seller'?s agent|showing|property taxes|metros cuadrados")),
            Map.entry(Vertical.RETAIL, words("return policy|machine washable|fabric|tracking number|sizes?|talla")),
            Map.entry(Vertical.MEDICAL, words("fast before|en ayunas|lab results|copay|copago|board certified|telehealth|patient portal")),
            Map.entry(Vertical.BEAUTY, words("stylist|color-treated|estilista")),
            Map.entry(Vertical.RESTAURANT, words("table for|reservation for|menu|vegetarian|gluten-free|corkage|waiter")),
            Map.entry(Vertical.AUTO, words("oil change|brake pads?|mechanic|test drive|loaner car|odometer")),
            Map.entry(Vertical.LEGAL, words("attorney|retainer|billable|contingency|lawsuit|paralegal|probate")),
            Map.entry(Vertical.FINANCE, words("fiduciary|portfolio|401\\(?k\\)?|roth|capital gains|w-2s?|tax return")),
            Map.entry(Vertical.EDUCATION, words("tutor\\w*|homework|curriculum|grade level|lesson plan|syllabus")));

    private static final Pattern BARE_CODE = Pattern.compile("^([A-Z0-9]{1,3})(?=$|[\\s,.!-])");
    private static final Pattern ES = Pattern.compile("[ñ¿¡áéíóú]|\\b(el|la|los|las|lo|que|para|por|con|una|un|de|del|gracias|mi|hay|tengo|quiero|cuanto|si|ahora|luego|buena|bueno|bien|todo|nada|pero|esta|este|es|muy|hola|vale|claro|mas|semana|otra|quien|numero|equivocado|cuenten|conmigo|apuntame|intento|ir|recibido|ocupado|quizas|mes|viene|mandame|interesa|interesado|nos|vemos|entonces|ahi|estare|confirmo|confirmado|ya|se|te|le|su|sus|cuando|donde|como|puedo|llevar|tarda|dura|precio|gracias|perdon|reserven|reservemos|presupuesto)\\b");
    private static final Pattern EN = Pattern.compile("\\b(the|you|your|and|is|it|i|i'm|my|what|thanks|for|to|this|can|do|yes|later|busy|send|info|who|wrong|number|good|great|next|week|will|be|there|we|of|in|on|at|with|how|much)\\b");

    record Verdict(boolean fits, String rule, Intent read) {
    }

    static Verdict judge(String persona, String language, Corpus.Item item, String reply) {
        Intent read = ReplyClassifier.rules().classify(reply).intent();
        if (!ACT_FITS.get(item.act()).contains(read)) return new Verdict(false, "act", read);
        if (PERSONA_NEVER.getOrDefault(persona, Set.of()).contains(read)) return new Verdict(false, "persona", read);
        String lower = reply.toLowerCase(Locale.ROOT);
        for (var e : VOCABULARY.entrySet()) {
            if (e.getKey() != item.vertical() && e.getValue().matcher(lower).find()) return new Verdict(false, "topic", read);
        }
        var code = BARE_CODE.matcher(reply);
        if (code.find() && reply.split("\\s+").length <= 6 && !item.codes().containsKey(code.group(1))
                && !code.group(1).matches("\\d") && read != OPT_OUT) {
            return new Verdict(false, "code", read);
        }
        if (reply.split("\\s+").length >= 3 && read != OPT_OUT) {
            long es = ES.matcher(lower).results().count(), en = EN.matcher(lower).results().count();
            boolean spanish = es > en || (es > 0 && en == 0);
            if (spanish != language.startsWith("es")) return new Verdict(false, "language", read);
        }
        if (persona.equals("busy-bob") && reply.split("\\s+").length > 6) return new Verdict(false, "voice", read);
        if (persona.equals("chatty-cathy") && read != OPT_OUT && reply.length() < 80) return new Verdict(false, "voice", read);
        return new Verdict(true, null, read);
    }

    private static Pattern words(String alternatives) {
        return Pattern.compile("\\b(?:" + alternatives + ")\\b");
    }

    static List<String> rules() {
        return List.of("act", "persona", "topic", "code", "language", "voice");
    }
}
