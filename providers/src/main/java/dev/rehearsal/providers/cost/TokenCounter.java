package dev.rehearsal.providers.cost;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.rehearsal.providers.core.ChatMessage;
import dev.rehearsal.providers.core.ChatPrompt;

/**
 * Offline token counts with jtokkit. Claude's tokenizer is not public, so counts for Bedrock are
 * estimates (o200k_base is within a few percent on English marketing text).
 */
public final class TokenCounter {
    /** Chat formats add a few tokens of role framing per message. */
    public static final int PER_MESSAGE_OVERHEAD = 4;
    private static final TokenCounter O200K = new TokenCounter(EncodingType.O200K_BASE);
    private final Encoding encoding;
    private final EncodingType type;

    private TokenCounter(EncodingType type) {
        this.type = type;
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(type);
    }

    public static TokenCounter o200k() {
        return O200K;
    }

    public String encodingName() {
        return type.getName();
    }

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** Tokens of the static prefix a provider can cache: system prompt plus the answer schema. */
    public int prefix(ChatPrompt p) {
        return PER_MESSAGE_OVERHEAD + count(p.system()) + count(p.schema().compactText());
    }

    /** Tokens of the whole request: prefix plus every turn plus the state line. */
    public int total(ChatPrompt p) {
        int n = prefix(p) + (p.state() == null ? 0 : PER_MESSAGE_OVERHEAD + count(p.state()));
        for (ChatMessage m : p.messages()) {
            n += PER_MESSAGE_OVERHEAD;
            for (String part : m.parts()) n += count(part);
        }
        return n;
    }
}
