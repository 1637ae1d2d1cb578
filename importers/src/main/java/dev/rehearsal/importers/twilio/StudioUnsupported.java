package dev.rehearsal.importers.twilio;

import java.util.Map;

/** Why each Studio widget Rehearsal does not simulate is left out, in words for the mapping report. */
final class StudioUnsupported {
    private static final String VOICE = "a voice widget: calls are not simulated";
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("say-play", VOICE), Map.entry("gather-input-on-call", VOICE), Map.entry("connect-call-to", VOICE),
            Map.entry("make-outgoing-call-v2", VOICE), Map.entry("make-outgoing-call", VOICE),
            Map.entry("record-voicemail", VOICE), Map.entry("record-call", VOICE), Map.entry("enqueue-call", VOICE),
            Map.entry("capture-payments", VOICE), Map.entry("fork-stream", VOICE),
            Map.entry("connect-virtual-agent", VOICE), Map.entry("add-twiml-redirect", "hands the call or message to TwiML outside the flow"),
            Map.entry("run-subflow", "a subflow is a separate flow: import and rehearse it on its own"),
            Map.entry("send-to-flex", "hands the contact to a live agent in Flex, which is not simulated"),
            Map.entry("set-variables (empty)", "a set-variables widget that sets nothing"));

    private StudioUnsupported() {
    }

    static String reason(String type) {
        return REASONS.getOrDefault(type, "widget type '" + type + "' is not simulated");
    }
}
