package dev.rehearsal.local.html;

/**
 * A generated workflow of exactly {@code steps} steps: blocks of a text, a wait, a condition on the reply and a
 * tag, chained, with a shared end step (the last block drops its tag to make the count).
 */
final class LongWorkflow {
    private LongWorkflow() {
    }

    static String json(int steps) {
        if (steps % 4 != 0) throw new IllegalArgumentException("steps must be a multiple of 4");
        int blocks = steps / 4;
        StringBuilder b = new StringBuilder("{\"id\":\"long\",\"name\":\"Generated ").append(steps)
                .append("-step follow-up\",\"start\":\"sms_0\",\"settings\":{\"max_messages_per_24h\":50},\"steps\":[\n");
        for (int i = 0; i < blocks; i++) {
            boolean last = i + 1 == blocks;
            String next = last ? "end" : "sms_" + (i + 1);
            b.append("{\"id\":\"sms_").append(i).append("\",\"type\":\"send_sms\",\"config\":{\"body\":\"Message ").append(i)
                    .append(" from Peak Roofing about your quote. Reply STOP to opt out.\"},\"next\":\"wait_").append(i).append("\"},\n");
            b.append("{\"id\":\"wait_").append(i).append("\",\"type\":\"wait_for_reply\",\"config\":{\"timeout\":\"1d\"},\"on_reply\":\"route_")
                    .append(i).append("\",\"on_timeout\":\"").append(next).append("\"},\n");
            b.append("{\"id\":\"route_").append(i).append("\",\"type\":\"condition\",\"branches\":[")
                    .append("{\"label\":\"opted out\",\"when\":{\"opted_out\":\"sms\"},\"next\":\"end\"},")
                    .append("{\"label\":\"interested\",\"when\":{\"reply_intent\":[\"interested\",\"ready_to_buy\"]},\"next\":\"")
                    .append(last ? "end" : "tag_" + i).append("\"}],\"default\":\"").append(next).append("\"},\n");
            if (!last) {
                b.append("{\"id\":\"tag_").append(i).append("\",\"type\":\"add_tag\",\"config\":{\"tag\":\"warm-").append(i)
                        .append("\"},\"next\":\"").append(next).append("\"},\n");
            }
        }
        b.append("{\"id\":\"end\",\"type\":\"end\"}\n]}\n");
        return b.toString();
    }
}
