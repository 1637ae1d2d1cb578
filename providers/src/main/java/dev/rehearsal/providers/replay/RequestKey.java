package dev.rehearsal.providers.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.providers.core.ChatMessage;
import dev.rehearsal.providers.core.ChatPrompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The canonical form of a request and its SHA-256 key: same provider, model and prompt, same key. */
public final class RequestKey {
    private RequestKey() {
    }

    public static ObjectNode canonical(String provider, String model, ChatPrompt p) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("provider", provider);
        n.put("model", model);
        n.put("schema", p.schema().name());
        // The schema's content too: after a schema edit, old recordings must miss, not replay stale shapes.
        n.put("schema_sha256", sha256(Json.write(p.schema().schema())));
        // The wording's version: a recording made with other wording is stale, and says so (ReplayingChatModel).
        if (p.promptVersion() != null) n.put("prompt_version", p.promptVersion());
        n.put("system", p.system());
        ArrayNode messages = n.putArray("messages");
        for (ChatMessage m : p.messages()) {
            ObjectNode turn = messages.addObject().put("role", m.role().wire());
            m.parts().forEach(turn.putArray("parts")::add);
        }
        n.put("max_tokens", p.maxTokens());
        n.put("temperature", p.temperature());
        if (p.seed() != null) n.put("seed", p.seed());
        n.put("volatile_tail", p.volatileTail());
        if (p.state() != null) n.put("state", p.state());
        return n;
    }

    public static String of(String provider, String model, ChatPrompt p) {
        return sha256(Json.write(canonical(provider, model, p)));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
