package dev.rehearsal.engine.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.TestWorkflows;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Knobs;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.persona.PersonaParser;
import dev.rehearsal.engine.persona.Traits;
import dev.rehearsal.engine.reading.Act;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.workflow.Workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The fidelity benchmark of the offline personas (docs/FIDELITY.md): context fit on a labelled corpus
 * (judged by the reply classifier and topic rules, {@link FitJudge}), distinct replies, cooperativeness
 * against published industry rates, sensitivity to a worse workflow, and a trait table. Run:
 *
 * <pre>mvn -q -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.rehearsal.engine.fidelity.FidelityBenchmark [-Dexec.args="SEEDS"]</pre>
 *
 * It rewrites the results block of docs/FIDELITY.md and exits 1 when a threshold fails.
 * {@code FidelityBenchmarkTest} runs a fast subset in {@code mvn verify}.
 */
public final class FidelityBenchmark {
    static final OfflinePersonaEngine ENGINE = new OfflinePersonaEngine();
    static final double FIT_THRESHOLD = 0.95, LANGUAGE_THRESHOLD = 0.95, HOURS_THRESHOLD = 0.95;
    static final int DISTINCT = 50, DISTINCT_TERSE = 15;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);
    static final LocalDateTime SENT = LocalDateTime.of(2026, 3, 3, 10, 0);

    private FidelityBenchmark() {
    }

    /** The panel: the seven built-ins and two custom personas that exercise language and hours. */
    static List<Persona> panel() {
        List<Persona> out = new ArrayList<>(PersonaCatalog.builtIns());
        out.add(rosa());
        return out;
    }

    /** A Spanish-speaking busy parent who answers only in the evening, as issue 10 measured her. */
    static Persona rosa() {
        return PersonaParser.parse("""
                {"id": "evening-rosa", "name": "Evening Rosa", "description": "Busy parent of three; answers texts in Spanish, only after the kids are in bed.",
                 "personality": {"tone": "warm", "response_length": "short", "decision_speed": "medium", "objection_likelihood": "medium"},
                 "behavior_traits": ["speaks_spanish", "replies_only_in_evening", "busy_parent"],
                 "behavior": {"language": "es-MX", "active_hours": {"start": "18:00", "end": "22:30"}},
                 "contact": {"first_name": "Rosa", "timezone": "America/Chicago"}}""").withId("evening-rosa", false);
    }

    static PersonaReply reply(Persona p, Corpus.Item item, long seed, LocalDateTime sent) {
        String first = p.contact().getOrDefault("first_name", "there");
        return ENGINE.respond(new ReplyRequest(p, item.message(first), List.of(), seed, 0, 0, LOCAL.format(sent),
                new dev.rehearsal.engine.llm.Situation(item.sender(), null, null, false, null), 0, 1));
    }

    // ---- 1. context fit -------------------------------------------------------------------------

    record Fit(String persona, int replies, int fits, Map<String, Integer> misfitsByRule, List<String> examples) {
        double rate() {
            return replies == 0 ? 1 : fits / (double) replies;
        }
    }

    static Map<String, Fit> fit(Corpus corpus, int seeds) {
        Map<String, Fit> out = new LinkedHashMap<>();
        for (Persona p : panel()) {
            String language = Traits.resolve(p).language();
            int replies = 0, fits = 0;
            Map<String, Integer> byRule = new LinkedHashMap<>();
            List<String> examples = new ArrayList<>();
            for (Corpus.Item item : corpus.items()) {
                for (long seed = 1; seed <= seeds; seed++) {
                    PersonaReply r = reply(p, item, seed, SENT);
                    if (!r.replied()) continue;
                    replies++;
                    FitJudge.Verdict v = FitJudge.judge(p.id(), language, item, r.response());
                    if (v.fits()) {
                        fits++;
                    } else {
                        byRule.merge(v.rule(), 1, Integer::sum);
                        if (examples.size() < 3) examples.add(item.id() + " (" + v.rule() + ", read " + v.read().wire() + "): " + r.response());
                    }
                }
            }
            out.put(p.id(), new Fit(p.id(), replies, fits, byRule, examples));
        }
        return out;
    }

    // ---- 2. distinct replies --------------------------------------------------------------------

    static Map<String, Integer> distinct(Corpus corpus, int seeds) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Persona p : panel()) {
            Set<String> texts = new HashSet<>();
            for (Corpus.Item item : corpus.items()) {
                for (long seed = 1; seed <= seeds; seed++) {
                    PersonaReply r = reply(p, item, seed, SENT);
                    if (r.replied()) texts.add(r.response());
                }
            }
            out.put(p.id(), texts.size());
        }
        return out;
    }

    static int distinctThreshold(String persona) {
        Knobs k = Traits.resolve(panel().stream().filter(p -> p.id().equals(persona)).findFirst().orElseThrow());
        return k.terse() ? DISTINCT_TERSE : DISTINCT;
    }

    // ---- 3. cooperativeness ---------------------------------------------------------------------

    /** Per channel, over the corpus's marketing messages (offer, invite, re-engagement, nurture). */
    record Cooperation(String who, double smsReply, double smsOptOut, double emailOpen, double emailClick,
                       double emailReply, double emailUnsubscribe) {
    }

    static Cooperation cooperation(String who, List<Persona> personas, Corpus corpus, int seeds) {
        long sms = 0, smsReplies = 0, smsOpt = 0, email = 0, opens = 0, clicks = 0, emailReplies = 0, unsubs = 0;
        for (Persona p : personas) {
            for (Corpus.Item item : corpus.items()) {
                if (item.act() == Act.REMINDER || item.act() == Act.TRANSACTIONAL || item.act() == Act.SURVEY) continue;
                for (long seed = 1; seed <= seeds; seed++) {
                    PersonaReply r = reply(p, item, seed, SENT);
                    boolean out = r.intent() == Intent.OPT_OUT || r.has(Action.OPTED_OUT) || r.has(Action.UNSUBSCRIBED);
                    if (item.channel() == Channel.SMS) {
                        sms++;
                        if (r.replied() && !out) smsReplies++;
                        if (out) smsOpt++;
                    } else {
                        email++;
                        if (r.has(Action.OPENED)) opens++;
                        if (r.has(Action.CLICKED)) clicks++;
                        if (r.replied() && !out) emailReplies++;
                        if (out) unsubs++;
                    }
                }
            }
        }
        return new Cooperation(who, smsReplies / (double) sms, smsOpt / (double) sms, opens / (double) email,
                clicks / (double) email, emailReplies / (double) email, unsubs / (double) email);
    }

    /**
     * How the built-in panel is held to the real world (docs/FIDELITY.md, "Cooperativeness"): its
     * average over the seven built-ins, each weighted equally, may not exceed the most generous published
     * figure for a triggered flow (replies, opens, clicks), nor opt out less than the least
     * published rate. One persona may exceed a ceiling (Eddie is the lead every branch test needs);
     * the panel as a whole may not.
     */
    record Bound(String measure, double published, boolean ceiling, double observed) {
        boolean holds() {
            return ceiling ? observed <= published : observed >= published;
        }
    }

    static final double SMS_REPLY_CEILING = 0.45, SMS_OPT_OUT_FLOOR = 0.003, EMAIL_OPEN_CEILING = 0.68,
            EMAIL_CLICK_CEILING = 0.13, EMAIL_REPLY_CEILING = 0.12, EMAIL_UNSUBSCRIBE_FLOOR = 0.002;

    static List<Bound> bounds(Cooperation panel) {
        return List.of(new Bound("SMS reply", SMS_REPLY_CEILING, true, panel.smsReply()),
                new Bound("SMS opt-out", SMS_OPT_OUT_FLOOR, false, panel.smsOptOut()),
                new Bound("email open", EMAIL_OPEN_CEILING, true, panel.emailOpen()),
                new Bound("email click", EMAIL_CLICK_CEILING, true, panel.emailClick()),
                new Bound("email reply", EMAIL_REPLY_CEILING, true, panel.emailReply()),
                new Bound("email unsubscribe", EMAIL_UNSUBSCRIBE_FLOOR, false, panel.emailUnsubscribe()));
    }

    static Cooperation panelCooperation(int seeds) {
        Corpus all = new Corpus("all", concat(Corpus.heldOut().items(), Corpus.tuning().items()));
        return cooperation("built-in panel (7, equal weight)", PersonaCatalog.builtIns(), all, seeds);
    }

    /** A custom persona with no traits and no behavior object: the defaults every knob falls back to. */
    static Persona typical() {
        return new Persona("typical", "Typical lead", "A contact with no declared habits.",
                new Persona.Personality("neutral", "short", "medium", "medium"), null, List.of(), null, false);
    }

    // ---- 4. sensitivity -------------------------------------------------------------------------

    /** replies: written replies (not opt-outs) per message delivered; the others per walk. */
    record Outcome(double replies, double conversion, double booked, double optOuts, boolean texts) {
    }

    record Sensitivity(String example, String variant, Outcome base, Outcome worse) {
        /** Quiet hours govern texts; an email-only workflow is not judged on them. */
        boolean applies() {
            return !(variant.equals("quiet-hours sends") && !base.texts());
        }

        boolean holds() {
            return !applies() || (worse.replies < base.replies && worse.conversion < base.conversion && worse.optOuts > base.optOuts);
        }
    }

    static final List<String> EXAMPLES = List.of("sms-lead-followup", "email-nurture", "appointment-reminder");
    static final List<String> VARIANTS = List.of("spammy copy", "quiet-hours sends", "twice the frequency", "irrelevant offer");

    static List<Sensitivity> sensitivity(int seeds) throws Exception {
        List<Sensitivity> out = new ArrayList<>();
        for (String example : EXAMPLES) {
            ObjectNode original = (ObjectNode) Json.mapper().readTree(Files.readString(TestWorkflows.examples().resolve(example + ".workflow.json")));
            Outcome base = outcome(TestWorkflows.parse(Json.write(original)), seeds, null);
            for (String variant : VARIANTS) {
                ObjectNode w = original.deepCopy();
                LocalDateTime start = null;
                switch (variant) {
                    case "spammy copy" -> editBodies(w, b -> b.toUpperCase(Locale.ROOT) + " ACT NOW!!! LIMITED TIME ONLY!!!");
                    case "quiet-hours sends" -> start = LocalDateTime.of(2026, 3, 2, 22, 30);
                    case "twice the frequency" -> doubleSends(w);
                    default -> editBodies(w, b -> "Get 20% off your next oil change and tire rotation at our auto shop this week. Reply STOP to opt out.");
                }
                out.add(new Sensitivity(example, variant, base, outcome(TestWorkflows.parse(Json.write(w)), seeds, start)));
            }
        }
        return out;
    }

    static Outcome outcome(Workflow wf, int seeds, LocalDateTime start) {
        long walks = 0, delivered = 0, replied = 0, booked = 0, opted = 0;
        double convert = 0;
        boolean texts = false;
        for (Persona p : PersonaCatalog.builtIns()) {
            for (long seed = 1; seed <= seeds; seed++) {
                SimulationOptions o = SimulationOptions.defaults(seed);
                if (start != null) o = o.withStart(start);
                SimulationRunner.PersonaRun run = SimulationRunner.run(wf, p, ENGINE, o);
                walks++;
                boolean b = false, out = false;
                for (Interaction i : run.interactions()) {
                    if (i.message() != null && i.message().channel() == Channel.SMS) texts = true;
                    PersonaReply rep = i.reply();
                    if (rep == null) continue;
                    delivered++;
                    boolean optOut = rep.intent() == Intent.OPT_OUT || rep.has(Action.OPTED_OUT) || rep.has(Action.UNSUBSCRIBED);
                    if (optOut) out = true;
                    else if (rep.replied()) replied++;
                    if (rep.has(Action.BOOKED)) b = true;
                }
                if (b) booked++;
                if (out) opted++;
                convert += run.session().likelyToConvert == null ? 0 : run.session().likelyToConvert;
            }
        }
        return new Outcome(replied / (double) Math.max(1, delivered), convert / walks, booked / (double) walks, opted / (double) walks, texts);
    }

    static void editBodies(ObjectNode wf, UnaryOperator<String> edit) {
        for (JsonNode s : wf.get("steps")) {
            if (s.path("type").asText().startsWith("send_")) {
                ObjectNode c = (ObjectNode) s.get("config");
                c.put("body", edit.apply(c.get("body").asText()));
                if (c.has("subject")) c.put("subject", edit.apply(c.get("subject").asText()).split("(?<=[.!?])")[0]);
            }
        }
    }

    /** Every send step is followed by a copy of itself an hour later. */
    static void doubleSends(ObjectNode wf) {
        ArrayNode steps = (ArrayNode) wf.get("steps");
        List<ObjectNode> added = new ArrayList<>();
        for (JsonNode s : steps) {
            if (!s.path("type").asText().startsWith("send_")) continue;
            ObjectNode delay = Json.mapper().createObjectNode();
            String id = s.get("id").asText();
            delay.put("id", id + "_gap").put("type", "delay");
            delay.putObject("config").put("duration", "1h");
            delay.put("next", id + "_again");
            ObjectNode again = s.deepCopy();
            again.put("id", id + "_again");
            again.put("next", s.path("next").asText());
            ((ObjectNode) s).put("next", id + "_gap");
            added.add(delay);
            added.add(again);
        }
        added.forEach(steps::add);
    }

    // ---- 5. trait table -------------------------------------------------------------------------

    record TraitRow(String persona, String knob, String declared, String observed, boolean holds) {
    }

    static final Corpus.Item PROBE_SMS = probe("probe-sms", Channel.SMS, null,
            "Spring memberships are on sale at Summit Fitness. Reply STOP to opt out.");
    static final Corpus.Item PROBE_EMAIL = probe("probe-email", Channel.EMAIL, "Spring memberships",
            "Spring memberships are on sale at Summit Fitness. See the plans: https://summitfit.example.com/plans");

    static Corpus.Item probe(String id, Channel ch, String subject, String body) {
        return new Corpus.Item(id, dev.rehearsal.engine.reading.Vertical.FITNESS, Act.OFFER, ch, Map.of(), "Summit Fitness", subject, body);
    }

    static List<TraitRow> traits(int seeds) {
        List<TraitRow> out = new ArrayList<>();
        for (Persona p : panel()) {
            Knobs k = Traits.resolve(p);
            List<PersonaReply> sms = new ArrayList<>(), email = new ArrayList<>();
            for (long seed = 1; seed <= seeds; seed++) {
                sms.add(reply(p, PROBE_SMS, seed, SENT));
                email.add(reply(p, PROBE_EMAIL, seed, SENT));
            }
            if (k.alwaysOptsOut()) {
                double stop = share(sms, r -> r.has(Action.OPTED_OUT));
                out.add(new TraitRow(p.id(), "opts out at the first SMS", "100%", pct(stop), stop == 1.0));
                double unsub = share(email, r -> r.has(Action.UNSUBSCRIBED));
                out.add(new TraitRow(p.id(), "unsubscribes from marketing email", "100%", pct(unsub), unsub == 1.0));
                continue;
            }
            rate(out, p.id(), "reply_rate.sms", k.smsReplyRate(), share(sms, r -> r.replied() && r.intent() != Intent.OPT_OUT), seeds);
            rate(out, p.id(), "reply_rate.email", k.emailReplyRate(), share(email, r -> r.replied() && r.intent() != Intent.OPT_OUT), seeds);
            rate(out, p.id(), "open_rate", k.openRate(), share(email, r -> r.has(Action.OPENED) && !r.replied()) / Math.max(1e-9, 1 - share(email, PersonaReply::replied)), seeds);
            List<Integer> lat = sms.stream().filter(PersonaReply::replied).filter(r -> r.intent() != Intent.OPT_OUT)
                    .map(PersonaReply::replyLatencyMinutes).sorted().toList();
            if (k.anyHour() && !lat.isEmpty()) {
                double median = lat.get(lat.size() / 2);
                // A sample median of a log-normal: standard error about 1.25 sigma / sqrt(n) on the log scale.
                double tolerance = 3 * 1.25 * Math.log(k.delaySpread()) / Math.sqrt(lat.size()) + 0.05;
                out.add(new TraitRow(p.id(), "reply_delay.median", minutes(k.delayMedianMinutes()), minutes(median),
                        Math.abs(Math.log(median / k.delayMedianMinutes())) <= tolerance));
            }
            if (k.style() == Knobs.Style.BUSY) {
                double terse = share(sms.stream().filter(PersonaReply::replied).toList(), r -> r.response().split("\\s+").length <= 6);
                out.add(new TraitRow(p.id(), "terse (<= 6 words)", "100%", pct(terse), terse == 1.0));
            }
            if (k.style() == Knobs.Style.CHATTY) {
                double longish = share(sms.stream().filter(PersonaReply::replied).toList(), r -> r.response().length() >= 80);
                out.add(new TraitRow(p.id(), "long replies (>= 80 chars)", "100%", pct(longish), longish == 1.0));
            }
            if (!k.primaryLanguage().equals("en")) {
                double es = languageShare(p, seeds);
                out.add(new TraitRow(p.id(), "language " + k.language(), ">= 95% of replies", pct(es), es >= LANGUAGE_THRESHOLD));
            }
            if (!k.anyHour()) {
                double inside = hoursShare(p, k, seeds);
                out.add(new TraitRow(p.id(), "active_hours " + k.activeStart() + "-" + k.activeEnd(), ">= 95% of replies", pct(inside),
                        inside >= HOURS_THRESHOLD));
            }
        }
        return out;
    }

    static void rate(List<TraitRow> out, String persona, String knob, double declared, double observed, int n) {
        // The act and the provocation draw move the observed rate a little; three standard errors plus 5 points.
        double tolerance = 3 * Math.sqrt(declared * (1 - declared) / n) + 0.05;
        out.add(new TraitRow(persona, knob, pct(declared), pct(observed), Math.abs(observed - declared) <= tolerance));
    }

    /** Share of Spanish replies over the corpus, judged by the reply's words (FitJudge's language rule). */
    static double languageShare(Persona p, int seeds) {
        int replies = 0, spanish = 0;
        for (Corpus.Item item : Corpus.heldOut().items()) {
            for (long seed = 1; seed <= seeds / 4 + 1; seed++) {
                PersonaReply r = reply(p, item, seed, SENT);
                if (!r.replied() || r.response().split("\\s+").length < 3) continue;
                replies++;
                if (!"language".equals(FitJudge.judge(p.id(), "es", item, r.response()).rule())) spanish++;
            }
        }
        return replies == 0 ? 0 : spanish / (double) replies;
    }

    /** Share of replies arriving inside the active window, for messages sent around the clock. */
    static double hoursShare(Persona p, Knobs k, int seeds) {
        int replies = 0, inside = 0;
        for (int hour = 0; hour < 24; hour += 3) {
            LocalDateTime sent = SENT.withHour(hour);
            for (long seed = 1; seed <= seeds; seed++) {
                PersonaReply r = reply(p, PROBE_SMS, seed, sent);
                if (!r.replied() || r.intent() == Intent.OPT_OUT) continue;
                replies++;
                LocalTime at = sent.plusMinutes(r.replyLatencyMinutes()).toLocalTime();
                if (k.active(at)) inside++;
            }
        }
        return replies == 0 ? 0 : inside / (double) replies;
    }

    static double share(List<PersonaReply> rs, java.util.function.Predicate<PersonaReply> t) {
        return rs.isEmpty() ? 0 : rs.stream().filter(t).count() / (double) rs.size();
    }

    static String pct(double x) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * x);
    }

    static String minutes(double m) {
        return m >= 120 ? String.format(Locale.ROOT, "%.1f h", m / 60) : String.format(Locale.ROOT, "%.0f min", m);
    }

    // ---- report ---------------------------------------------------------------------------------

    public static void main(String[] args) throws Exception {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long t0 = System.nanoTime();
        StringBuilder md = new StringBuilder();
        boolean ok = true;
        md.append("Generated by `FidelityBenchmark` with ").append(seeds).append(" seeds (")
                .append(LocalDateTime.now().withNano(0)).append(").\n\n");

        md.append("### Context fit (replies judged by their text)\n\n| persona | held-out: replies | held-out: fit | tuning: replies | tuning: fit | misfits by rule (held-out) |\n|---|---:|---:|---:|---:|---|\n");
        Map<String, Fit> held = fit(Corpus.heldOut(), seeds), tune = fit(Corpus.tuning(), seeds);
        List<String> misfitExamples = new ArrayList<>();
        for (String id : held.keySet()) {
            Fit h = held.get(id), t = tune.get(id);
            ok &= h.rate() >= FIT_THRESHOLD;
            md.append("| ").append(id).append(" | ").append(h.replies()).append(" | ").append(pct(h.rate()))
                    .append(h.rate() >= FIT_THRESHOLD ? "" : " **below 95%**").append(" | ").append(t.replies()).append(" | ")
                    .append(pct(t.rate())).append(" | ").append(h.misfitsByRule().isEmpty() ? "-" : h.misfitsByRule().toString()).append(" |\n");
            t.examples().forEach(e -> misfitExamples.add(id + ": " + e));
        }
        if (!misfitExamples.isEmpty()) {
            md.append("\nMisfits (first three per persona, tuning part; the held-out part is only counted):\n\n");
            misfitExamples.forEach(e -> md.append("- ").append(e.replace("|", "\\|")).append('\n'));
        }

        md.append("\n### Distinct replies over ").append(seeds).append(" seeds (held-out corpus)\n\n| persona | distinct | threshold |\n|---|---:|---:|\n");
        for (var e : distinct(Corpus.heldOut(), seeds).entrySet()) {
            int min = distinctThreshold(e.getKey());
            ok &= e.getValue() >= min;
            md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" | ").append(min).append(" |\n");
        }

        md.append("\n### Cooperativeness (marketing messages of the whole corpus, per message)\n\n")
                .append("| who | SMS reply | SMS opt-out | email open | email click | email reply | email unsubscribe |\n|---|---:|---:|---:|---:|---:|---:|\n");
        Corpus all = new Corpus("all", concat(Corpus.heldOut().items(), Corpus.tuning().items()));
        List<Cooperation> coop = new ArrayList<>();
        Cooperation panel = panelCooperation(Math.max(10, seeds / 5));
        coop.add(panel);
        coop.add(cooperation("typical custom persona (defaults)", List.of(typical()), all, seeds));
        for (Persona p : PersonaCatalog.builtIns()) coop.add(cooperation(p.id(), List.of(p), all, Math.max(10, seeds / 5)));
        for (Cooperation c : coop) {
            md.append("| ").append(c.who()).append(" | ").append(pct(c.smsReply())).append(" | ").append(pct(c.smsOptOut()))
                    .append(" | ").append(pct(c.emailOpen())).append(" | ").append(pct(c.emailClick())).append(" | ")
                    .append(pct(c.emailReply())).append(" | ").append(pct(c.emailUnsubscribe())).append(" |\n");
        }
        md.append("| *published figures (see the table above)* | 9-45% | 0.3-3.7% | 22.7-52% | 2.9-5.3% | ~6% | 0.2-0.7% |\n");
        md.append("\nThe panel against the bounds (a ceiling on cooperation, a floor on opting out):\n\n| measure | bound | panel | holds |\n|---|---:|---:|---|\n");
        for (Bound b : bounds(panel)) {
            ok &= b.holds();
            md.append("| ").append(b.measure()).append(" | ").append(b.ceiling() ? "<= " : ">= ").append(pct(b.published()))
                    .append(" | ").append(pct(b.observed())).append(" | ").append(b.holds() ? "yes" : "**no**").append(" |\n");
        }

        md.append("\n### Sensitivity: a worse workflow must do worse (7 built-ins x ").append(seeds).append(" seeds)\n\n")
                .append("| example | variant | replies per message | mean likely_to_convert | walks booked | walks opted out | holds |\n|---|---|---|---|---|---|---|\n");
        for (Sensitivity s : sensitivity(seeds)) {
            ok &= s.holds();
            md.append("| ").append(s.example()).append(" | ").append(s.variant()).append(" | ")
                    .append(pct(s.base().replies())).append(" → ").append(pct(s.worse().replies())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f → %.1f", s.base().conversion(), s.worse().conversion())).append(" | ")
                    .append(pct(s.base().booked())).append(" → ").append(pct(s.worse().booked())).append(" | ")
                    .append(pct(s.base().optOuts())).append(" → ").append(pct(s.worse().optOuts())).append(" | ")
                    .append(!s.applies() ? "n/a (email only)" : s.holds() ? "yes" : "**no**").append(" |\n");
        }

        md.append("\n### Trait table (probe offer \"Spring memberships are on sale\", ").append(seeds).append(" seeds)\n\n")
                .append("| persona | trait / knob | declared | observed | holds |\n|---|---|---|---|---|\n");
        for (TraitRow r : traits(seeds)) {
            ok &= r.holds();
            md.append("| ").append(r.persona()).append(" | ").append(r.knob()).append(" | ").append(r.declared()).append(" | ")
                    .append(r.observed()).append(" | ").append(r.holds() ? "yes" : "**no**").append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "%nWhole benchmark: %.1f s.%n", (System.nanoTime() - t0) / 1e9));

        Path doc = TestWorkflows.examples().getParent().resolve("docs/FIDELITY.md");
        String text = Files.readString(doc);
        String begin = "<!-- fidelity:begin -->", end = "<!-- fidelity:end -->";
        int a = text.indexOf(begin), b = text.indexOf(end);
        if (a < 0 || b < a) throw new IllegalStateException("docs/FIDELITY.md lacks the results markers");
        Files.writeString(doc, text.substring(0, a + begin.length()) + "\n" + md + text.substring(b));
        System.out.println(md);
        System.out.println(ok ? "All thresholds hold." : "A threshold failed (see **bold** above).");
        if (!ok) System.exit(1);
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
