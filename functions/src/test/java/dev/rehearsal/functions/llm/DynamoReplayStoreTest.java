package dev.rehearsal.functions.llm;

import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.providers.core.ChatAnswer;
import dev.rehearsal.providers.core.ChatModel;
import dev.rehearsal.providers.core.ChatPrompt;
import dev.rehearsal.providers.core.StructuredCaller;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.jobs.LlmPersonaResponder;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;
import dev.rehearsal.providers.replay.ReplayMode;
import dev.rehearsal.providers.replay.ReplayingChatModel;
import dev.rehearsal.store.ReplayCacheRepository;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Record a provider answer into DynamoDB (dynalite, real SDK client), replay it with no call, per account. */
class DynamoReplayStoreTest {
    static final String ANSWER = Json.write(java.util.Map.of("response", "How much is it?", "reasoning", "budget first",
            "sentiment", "neutral", "intent", "price_objection", "likely_to_convert", 35, "actions", List.of("replied"),
            "reply_when", "now"));

    static final class Counting implements ChatModel {
        int calls;

        @Override
        public ChatAnswer complete(ChatPrompt prompt) {
            calls++;
            return new ChatAnswer(ANSWER, new Usage(700, 50, 0, 0, 1));
        }

        @Override
        public String provider() {
            return "bedrock";
        }

        @Override
        public String model() {
            return "us.anthropic.claude-haiku-4-5-20251001-v1:0";
        }
    }

    static PersonaReply run(ChatModel m) {
        var request = new ReplyRequest(PersonaCatalog.builtIn("price-conscious-pam").orElseThrow(),
                new OutboundMessage("s", Channel.SMS, null, "Spring offer: book a consult!"), List.of(), 1, 0, 0, "Mon 10:00");
        return new LlmPersonaResponder(new StructuredCaller(m), new PersonaPromptBuilder(), new UsageMeter()).respond(request);
    }

    @Test
    void recordsThenReplaysByteIdenticallyWithoutCallingAndKeepsAccountsApart() {
        String name = "replay-" + UUID.randomUUID();
        TableAdmin.createTable(Dynalite.shared().client(), name);
        var repo = new ReplayCacheRepository(new Table(Dynalite.shared().client(), name));
        Counting live = new Counting();
        PersonaReply recorded = run(new ReplayingChatModel(live, new DynamoReplayStore(repo, "acct-a"), ReplayMode.RECORD));
        assertEquals(1, live.calls);
        assertEquals("price_objection", recorded.intent().wire());

        Counting none = new Counting();
        PersonaReply replayed = run(new ReplayingChatModel(none, new DynamoReplayStore(repo, "acct-a"), ReplayMode.REPLAY));
        assertEquals(0, none.calls);
        assertEquals(Json.write(recorded), Json.write(replayed));

        PersonaReply otherAccount = run(new ReplayingChatModel(none, new DynamoReplayStore(repo, "acct-b"), ReplayMode.REPLAY));
        assertNotNull(otherAccount.providerError(), "account B cannot replay account A's recordings");
        assertEquals(0, none.calls);
    }
}
