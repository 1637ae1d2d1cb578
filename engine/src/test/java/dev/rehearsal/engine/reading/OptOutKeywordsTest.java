package dev.rehearsal.engine.reading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The opt-out table read both ways: replies (does this revoke consent?) and outbound texts (does it offer a way out?). */
class OptOutKeywordsTest {

    /** Replies: "yes" opts out, "no" does not. One row per line: expected | reply. */
    static final String REPLIES = """
            yes | STOP
            yes | stop
            yes | Stop.
            yes | STOP!!!
            yes | STOPALL
            yes | Stop all
            yes | UNSUBSCRIBE
            yes | unsubscribe please
            yes | CANCEL
            yes | END
            yes | Quit
            yes | REVOKE
            yes | OPTOUT
            yes | opt out
            yes | Opt-out
            yes | STOP please
            yes | Please stop
            yes | stop stop stop
            yes | STOP. Please remove this number.
            yes | STOP - not interested
            yes | Unsubscribe. STOP.
            yes | I said STOP
            yes | Not interested STOP
            yes | stop texting me
            yes | Please stop texting me
            yes | Can you stop sending me these messages?
            yes | Stop the texts
            yes | Take me off your list
            yes | please take me off this list, thanks
            yes | Remove me from your list.
            yes | remove my number
            yes | Unsubscribe me.
            yes | Not interested. Take me off this list.
            yes | Please don't contact me again.
            yes | Do not text me anymore
            yes | dont text me
            yes | No more texts please
            yes | Leave me alone
            yes | I want to opt out
            yes | How do I unsubscribe?
            yes | I revoke my consent to receive messages
            yes | Lose my number
            yes | BAJA
            yes | baja por favor
            yes | Baja, gracias
            yes | ALTO
            yes | PARAR
            yes | Para
            yes | CANCELAR
            yes | Detener
            yes | No más
            yes | no mas!
            yes | No me envíen más mensajes
            yes | no me manden mas textos por favor
            yes | Ya no me escribas más
            yes | Dejen de enviarme mensajes
            yes | deja de escribirme
            yes | Sáquenme de su lista
            yes | bórrenme de la lista por favor
            yes | Quiero darme de baja
            yes | Denme de baja
            yes | Ya no quiero recibir mensajes
            yes | No quiero más correos
            yes | Déjenme en paz
            yes | Quiero BAJA de esto
            yes | Cancelar mi suscripción
            no  | Stop by Thursday? I can come at 5
            no  | don't stop the discount
            no  | Don't stop sending me the deals, I love them
            no  | Never stop texting me these coupons
            no  | Can I stop by tomorrow instead?
            no  | I'll stop in after work
            no  | The end of the month works for me
            no  | Cancel my appointment, I need to reschedule
            no  | Can I cancel anytime if I sign up?
            no  | I quit my old gym last month
            no  | Is the offer ending soon?
            no  | What's the catch?
            no  | Not interested, thanks.
            no  | No thanks.
            no  | I'm all set.
            no  | Wrong number
            no  | Yes! I'm interested.
            no  | C
            no  | STOP BY THURSDAY? I CAN COME AT 5
            no  | Can I opt out of the newsletter but keep the appointment texts?
            no  | Para mañana a las 5 está bien
            no  | Sí, para el jueves
            no  | Alto nivel de servicio, me gusta
            no  | ¿Cuánto cuesta? No me mandes el enlace todavía, primero el precio
            no  | No más preguntas, gracias, nos vemos el jueves
            no  | Voy a cancelar mi cita del lunes
            no  | Un producto de baja calidad no me interesa
            no  | Fin de semana mejor
            no  |
            """;

    /** Outbound texts: "yes" tells the contact how to opt out. One row per line: expected | message. */
    static final String MESSAGES = """
            yes | Hi Ana, your free class is booked. Reply STOP to opt out.
            yes | Reply STOP to unsubscribe
            yes | Txt STOP to end
            yes | Text "STOP" to opt out
            yes | Msg&data rates may apply. Reply HELP for help, STOP to cancel.
            yes | STOP to opt out
            yes | Reply END to stop receiving texts
            yes | Responde BAJA para no recibir más mensajes
            yes | Responda ALTO para cancelar
            yes | Envía PARAR para darte de baja.
            yes | Escribe la palabra BAJA para dejar de recibir mensajes
            yes | BAJA para no recibir más
            no  | Stop by our studio this Thursday!
            no  | Don't stop now, 20% off ends Friday
            no  | Book your visit at the end of the month
            no  | Hola Ana, tu cita es mañana a las 10.
            no  | Para confirmar responde SI
            no  |
            """;

    static Stream<Arguments> replies() {
        return rows(REPLIES);
    }

    static Stream<Arguments> messages() {
        return rows(MESSAGES);
    }

    static Stream<Arguments> rows(String table) {
        return Arrays.stream(table.split("\n")).filter(l -> !l.isBlank()).map(l -> {
            int bar = l.indexOf('|');
            return Arguments.of(l.substring(0, bar).trim().equals("yes"), l.substring(bar + 1).trim());
        });
    }

    @ParameterizedTest(name = "[{index}] opt-out={0}: {1}")
    @MethodSource("replies")
    void readsRepliesAsACarrierAndTheFccWould(boolean optOut, String reply) {
        assertEquals(optOut, OptOutKeywords.isOptOut(reply), () -> "reply \"" + reply + "\" matched "
                + OptOutKeywords.match(reply));
    }

    @ParameterizedTest(name = "[{index}] offers={0}: {1}")
    @MethodSource("messages")
    void seesOptOutInstructionsInEnglishAndSpanish(boolean offers, String message) {
        assertEquals(offers, OptOutKeywords.offersOptOut(message), () -> "message \"" + message + "\"");
    }

    @Test
    void tableIsLargeEnoughToMeanSomething() {
        assertTrue(replies().count() + messages().count() >= 60);
        assertTrue(replies().filter(a -> (Boolean) a.get()[0]).count() >= 25);
        assertTrue(replies().filter(a -> !(Boolean) a.get()[0]).count() >= 25);
    }

    @Test
    void namesTheRuleThatFired() {
        assertEquals(OptOutKeywords.Rule.KEYWORD, OptOutKeywords.match("Stop please").orElseThrow().rule());
        assertEquals(OptOutKeywords.Rule.SHOUTED_KEYWORD, OptOutKeywords.match("not interested STOP").orElseThrow().rule());
        assertEquals(OptOutKeywords.Rule.REVOCATION, OptOutKeywords.match("take me off your list").orElseThrow().rule());
    }

    @Test
    void everyFccKeywordIsInTheTable() {
        for (String w : new String[]{"stop", "quit", "end", "revoke", "opt out", "cancel", "unsubscribe"}) {
            assertTrue(OptOutKeywords.keyword(w.replace(" ", "")).isPresent(), w);
            assertTrue(OptOutKeywords.isOptOut(w.toUpperCase()), w);
        }
        assertTrue(OptOutKeywords.keywords(OptOutKeywords.Language.ES).containsAll(
                java.util.List.of("baja", "alto", "parar", "cancelar")));
        assertFalse(OptOutKeywords.keyword("hello").isPresent());
    }

    @Test
    void emailUnsubscribePathsInBothLanguages() {
        assertTrue(OptOutKeywords.offersUnsubscribe("Unsubscribe: {{account.unsubscribe_url}}"));
        assertTrue(OptOutKeywords.offersUnsubscribe("Para darte de baja haz clic aquí"));
        assertTrue(OptOutKeywords.offersUnsubscribe("Cancelar suscripción"));
        assertFalse(OptOutKeywords.offersUnsubscribe("See you Thursday at 10."));
    }

    @Test
    void accentsAreStrippedAsUnicodeNormalisationStripsThemAndAsciiIsLeftAsIs() {
        for (String t : new String[]{"STOP", "stop please", "no m\u00e1s", "No Ma\u0301s", "\u00bfBAJA?", "caf\u00e9 \u2019n\u2019 stuff",
                "\u00c5ngstr\u00f6m", "\ud83d\ude00 stop", "", "plain ascii: ~!@#$%^&*()"}) {
            assertEquals(java.text.Normalizer.normalize(t, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", ""),
                    OptOutKeywords.withoutMarks(t), t);
        }
        String ascii = "Sure, book me in for Tuesday!";
        assertTrue(ascii == OptOutKeywords.withoutMarks(ascii), "ASCII text is returned as is, without normalising");
    }
}
