package dev.rehearsal.providers.bench;

import dev.rehearsal.engine.persona.Persona;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The seed card's get_persona_response prompt: the whole persona and the whole history pasted into
 * one user message at every step. The card leaves format_history undefined; this renders each
 * earlier interaction as its sent message and reply only (no reasoning), which favours the seed.
 */
public final class SeedPromptFormat {
    private SeedPromptFormat() {
    }

    public static String prompt(Persona p, String channel, String message, List<SampleTranscript.Step> history) {
        return "You are simulating a lead/customer receiving marketing messages.\n\n"
                + "PERSONA:\n"
                + "- Name: " + p.name() + "\n"
                + "- Description: " + p.description() + "\n"
                + "- Personality: " + pythonDict(p.personality()) + "\n"
                + "- Behavior: " + p.behaviorTraits().stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ", "[", "]")) + "\n\n"
                + "CHANNEL: " + channel + "\n\n"
                + "MESSAGE RECEIVED:\n" + message + "\n\n"
                + "CONVERSATION HISTORY:\n" + history(history) + "\n\n"
                + "Based on this persona's characteristics, generate:\n"
                + "1. A realistic response this person would send (or \"NO_RESPONSE\" if they wouldn't reply)\n"
                + "2. Your reasoning for this response\n\n"
                + "Respond in JSON format:\n{\n"
                + "  \"response\": \"the message they would send or NO_RESPONSE\",\n"
                + "  \"reasoning\": \"why they would respond this way\",\n"
                + "  \"sentiment\": \"positive/negative/neutral\",\n"
                + "  \"likely_to_convert\": 0-100\n}\n";
    }

    static String sent(SampleTranscript.Step s) {
        return s.message().subject() == null ? s.message().body()
                : "Subject: " + s.message().subject() + "\n\n" + s.message().body();
    }

    private static String history(List<SampleTranscript.Step> steps) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            SampleTranscript.Step s = steps.get(i);
            b.append("Step ").append(i + 1).append(" (").append(s.message().channel().wire()).append("):\nSent: ")
                    .append(sent(s)).append("\nResponse: ").append(s.reply() == null ? "NO_RESPONSE" : s.reply()).append("\n\n");
        }
        return b.toString().strip();
    }

    private static String pythonDict(Persona.Personality q) {
        if (q == null) return "{}";
        return "{'tone': '" + q.tone() + "', 'response_length': '" + q.responseLength() + "', 'decision_speed': '"
                + q.decisionSpeed() + "', 'objection_likelihood': '" + q.objectionLikelihood() + "'}";
    }
}
