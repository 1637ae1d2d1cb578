package dev.rehearsal.engine.reading;

import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.Sentiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replies read the CRM's way, from the text alone. One row: intent | sentiment (* = any) | reply. */
class RuleReplyClassifierTest {
    static final String TABLE = """
            opt_out         | negative | STOP
            opt_out         | negative | Please stop texting me
            opt_out         | negative | No me envíen más mensajes
            opt_out         | negative | Please don't contact me again.
            not_interested  | negative | Not interested, thanks.
            not_interested  | negative | No thanks.
            not_interested  | negative | I'm all set.
            not_interested  | negative | not now
            not_interested  | negative | No
            not_interested  | negative | No me interesa, gracias
            not_interested  | negative | Ahora no
            ready_to_buy    | positive | Book me for tomorrow morning if you have it!
            ready_to_buy    | positive | Yes! Thursday at 10 works great, book it.
            ready_to_buy    | positive | Let's do it, grab me the first open slot.
            ready_to_buy    | positive | Yes, schedule the consultation — any time this week works.
            ready_to_buy    | positive | ok book it
            ready_to_buy    | positive | Love it! Ordering now!
            ready_to_buy    | positive | Just ordered, thanks!
            ready_to_buy    | positive | ¡Ya hice el pedido!
            ready_to_buy    | positive | Absolutely, count me in!
            ready_to_buy    | positive | Sign me up
            ready_to_buy    | positive | The docs look solid. Can we do a technical demo with an engineer?
            ready_to_buy    | positive | Thanks, the integration details answer my questions. Let's set up a demo.
            ready_to_buy    | positive | Sí, resérvame el jueves
            ready_to_buy    | positive | Me apunto
            price_objection | negative | That's more than I can spend right now. Any discount?
            price_objection | negative | Hmm, pricey. Is there a cheaper plan?
            price_objection | negative | Too expensive for me. Do you have a coupon?
            price_objection | negative | Es muy caro
            price_objection | *        | How much is it?
            price_objection | *        | What does the consultation cost?
            price_objection | *        | What's the price? I'm on a budget.
            price_objection | *        | Is there a monthly fee? How much?
            price_objection | *        | ¿Cuánto cuesta?
            objection       | negative | What's the catch?
            objection       | negative | How do I know this actually works?
            objection       | negative | Pressure tactics don't work on me.
            objection       | negative | If it's only good today, it isn't for me.
            objection       | negative | I don't make decisions on a deadline like that.
            objection       | negative | ¿Cuál es la trampa?
            interested      | positive | Yes! What are the next steps?
            interested      | positive | Interested. What's next?
            interested      | positive | Could work for us. How do we start?
            interested      | positive | Yes! I'm interested.
            interested      | positive | Yes please, that's exactly what I need.
            interested      | positive | C
            interested      | positive | Confirmed, see you then!
            interested      | positive | Yep, I'll be there.
            interested      | positive | sure
            interested      | positive | Sounds good, tell me more.
            interested      | positive | Sí, para el jueves
            interested      | positive | Claro que sí
            question        | *        | How is this different from HubSpot?
            question        | *        | Does it integrate with Salesforce? Is there a REST API?
            question        | *        | Do you have weekend hours?
            question        | *        | send info
            question        | *        | Okay, those reviews help. What would the demo cover?
            question        | positive | Oh how fun, thanks for reaching out! How long does the trial take? Anyway, I'd love to hear more!
            question        | *        | ¿Tienen horario el sábado?
            question        | *        | Mándame más información
            neutral         | neutral  | Thanks, I'll think about it.
            neutral         | neutral  | Maybe later.
            neutral         | neutral  | busy. later
            neutral         | neutral  | call next wk
            neutral         | neutral  | Lo pienso y te aviso
            neutral         | *        | ok
            neutral         | *        | k thx
            neutral         | *        | Got it.
            neutral         | neutral  |
            """;

    static Stream<Arguments> rows() {
        return Arrays.stream(TABLE.split("\n")).filter(l -> !l.isBlank()).map(l -> {
            String[] cells = l.split("\\|", 3);
            return Arguments.of(cells[0].trim(), cells[1].trim(), cells[2].trim());
        });
    }

    final ReplyClassifier classifier = ReplyClassifier.rules();

    @ParameterizedTest(name = "[{index}] {0}/{1}: {2}")
    @MethodSource("rows")
    void readsTheReplyLikeACrm(String intent, String sentiment, String reply) {
        ReplyReading r = classifier.classify(reply);
        assertEquals(Intent.fromWire(intent), r.intent(), () -> "\"" + reply + "\" read by rule " + r.rule());
        if (!sentiment.equals("*")) assertEquals(Sentiment.fromWire(sentiment), r.sentiment(), () -> "\"" + reply + "\" rule " + r.rule());
        assertEquals(r.intent() == Intent.OPT_OUT, r.optOut());
        assertEquals("rules", r.classifier());
    }

    @Test
    void aKeywordAsAnOrdinaryWordIsNotAnOptOut() {
        ReplyReading r = classifier.classify("Stop by Thursday? I can come at 5");
        assertFalse(r.optOut());
        assertEquals(Intent.QUESTION, r.intent());
    }

    @Test
    void namesTheRuleThatDecided() {
        assertEquals("price_question", classifier.classify("How much?").rule());
        assertEquals("opt_out", classifier.classify("BAJA").rule());
        assertTrue(rows().count() >= 60);
    }
}
