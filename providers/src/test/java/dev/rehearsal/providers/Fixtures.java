package dev.rehearsal.providers;

import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Situation;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.providers.core.RetryPolicy;
import dev.rehearsal.providers.core.Sleeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shared test data: a persona, a short conversation, valid and invalid answers, a recording sleeper. */
public final class Fixtures {
    /** Sarah's local time at the request's arrival is 19:03 (New York, 1969-12-31): "23:03" is 240 minutes later. */
    public static final String VALID_REPLY = "{\"reasoning\":\"Sarah compares before buying.\",\"response\":\"How does it compare to HubSpot?\","
            + "\"reply_when\":\"23:03\",\"sentiment\":\"neutral\",\"intent\":\"question\",\"likely_to_convert\":35,"
            + "\"actions\":[\"opened\",\"replied\"]}";
    /** Parses as JSON but breaks the schema: unknown intent, score above 100, reply_when missing. */
    public static final String INVALID_REPLY = "{\"response\":\"ok\",\"reasoning\":\"r\",\"sentiment\":\"neutral\","
            + "\"intent\":\"maybe\",\"likely_to_convert\":140,\"actions\":[]}";

    /** The code-built situation the simulator passes: a SaaS business that texted Sarah first. */
    public static final Situation SITUATION = new Situation("Helix Analytics", "saas", "Trial nurture", false, "America/New_York");

    private Fixtures() {
    }

    public static Persona sarah() {
        return PersonaCatalog.builtIn("skeptical-sarah").orElseThrow();
    }

    /** Workflow sms, lead reply, workflow email (ignored), then the message being answered. */
    public static ReplyRequest request() {
        List<Turn> history = new ArrayList<>();
        history.add(new Turn(false, Channel.SMS, null, "Hi Sarah, thanks for signing up! Reply YES for a demo.", 0));
        history.add(new Turn(true, Channel.SMS, null, "What does it cost?", 60_000));
        history.add(new Turn(false, Channel.EMAIL, "Pricing", "Plans start at $49/month.", 120_000));
        return new ReplyRequest(sarah(), new OutboundMessage("s4", Channel.SMS, null, "Want to book a 15-minute call?"),
                history, 42L, 3, 180_000, "Tue 10:05", SITUATION);
    }

    /** Records every backoff instead of sleeping. */
    public static final class RecordingSleeper implements Sleeper {
        public final List<Duration> slept = new ArrayList<>();

        @Override
        public void sleep(Duration d) {
            slept.add(d);
        }
    }

    public static RetryPolicy policy(int attempts, Sleeper sleeper) {
        return new RetryPolicy(attempts, Duration.ofMillis(100), Duration.ofSeconds(5), sleeper, new Random(7));
    }
}
