package dev.rehearsal.providers.bench;

import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.providers.core.ChatPrompt;
import dev.rehearsal.providers.cost.Estimator;
import dev.rehearsal.providers.cost.TokenCounter;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Input tokens of our persona prompts against the seed's, on the same 30-step transcript, for a
 * provider's minimum cacheable prefix, with and without neutral channel-rule padding in the prefix.
 * Run: {@code mvn -o -q -pl providers exec:java -Dexec.mainClass=dev.rehearsal.providers.bench.PromptSizeBenchmark}
 */
public final class PromptSizeBenchmark {
    /** Weights of the cost-weighted ratio: plain input 1, cache read 0.1, cache write 1.25 (Claude's 5-minute cache). */
    public static final double READ_WEIGHT = 0.1;
    public static final double WRITE_WEIGHT = 1.25;

    /**
     * One persona, one configuration. {@code cacheReads}: tokens served from the previous step's
     * cache (only prefixes of at least {@code minCache}); {@code cacheWrites}: tokens written to the
     * cache at the cache points (system prompt, and the conversation before its last part) whose
     * prefix reaches {@code minCache}, minus what was read. Uncached = total - reads (writes included).
     */
    public record Result(int steps, int minCache, int prefixTarget, long seedTotal, long oursTotal, long cacheReads,
                         long cacheWrites, int prefixTokens, int maxStepTokens, int seedMaxStepTokens) {
        public long oursUncached() {
            return oursTotal - cacheReads;
        }

        public double totalRatio() {
            return (double) oursTotal / seedTotal;
        }

        public double uncachedRatio() {
            return (double) oursUncached() / seedTotal;
        }

        /** Input cost against the seed's, the seed paying every token at the plain rate. */
        public double costWeighted() {
            return (oursTotal - cacheReads - cacheWrites) + READ_WEIGHT * cacheReads + WRITE_WEIGHT * cacheWrites;
        }

        public double costRatio() {
            return costWeighted() / seedTotal;
        }
    }

    /**
     * The configurations the documentation reports: cache minimum, prefix target (0 = no padding), and whether
     * the conversation is cacheable (1) or only the system prefix is (0: Bedrock before persona-3, when the state
     * line sat in Converse's system blocks, ahead of the conversation).
     */
    public static final int[][] CONFIGURATIONS = {{0, 0, 1}, {1024, 0, 1}, {1024, 1024, 1}, {4096, 0, 0}, {4096, 4096, 0},
            {4096, 0, 1}, {4096, 4096, 1}};

    public static Result run(Persona persona, int steps, PersonaPromptBuilder builder, TokenCounter tokens, int minCache) {
        return run(persona, steps, builder, tokens, minCache, true);
    }

    /** {@code conversationCached} false: only the system prefix (card and schema) can be cached. */
    public static Result run(Persona persona, int steps, PersonaPromptBuilder builder, TokenCounter tokens, int minCache,
                             boolean conversationCached) {
        List<SampleTranscript.Step> script = SampleTranscript.steps(steps, persona.contact().getOrDefault("first_name", "there"));
        long seedTotal = 0, oursTotal = 0, reads = 0, writes = 0;
        int prefix = 0, max = 0, seedMax = 0;
        List<Turn> history = new ArrayList<>();
        ChatPrompt previous = null;
        for (int i = 0; i < steps; i++) {
            SampleTranscript.Step s = script.get(i);
            int seed = TokenCounter.PER_MESSAGE_OVERHEAD + tokens.count(SeedPromptFormat.prompt(persona,
                    s.message().channel().wire(), SeedPromptFormat.sent(s), script.subList(0, i)));
            seedTotal += seed;
            seedMax = Math.max(seedMax, seed);

            ChatPrompt p = builder.build(new ReplyRequest(persona, s.message(), history, 1, i, i * 3_600_000L, "Tue 10:00"));
            int state = p.state() == null ? 0 : TokenCounter.PER_MESSAGE_OVERHEAD + tokens.count(p.state());
            int total = tokens.total(p);
            prefix = tokens.prefix(p);
            oursTotal += total;
            max = Math.max(max, total);
            long c = i == 0 ? 0 : conversationCached ? Estimator.reusable(previous, p, tokens) : prefix;
            long read = c >= minCache ? c : 0;
            reads += read;
            // The furthest cache point whose prefix is long enough is written, except what was just read.
            long conversationPoint = conversationCached ? total - state : prefix;
            long written = conversationPoint >= minCache ? conversationPoint : prefix >= minCache ? prefix : 0;
            writes += Math.max(0, written - read);
            previous = p;

            history.add(new Turn(false, s.message().channel(), s.message().subject(), s.message().body(), i * 3_600_000L));
            if (s.reply() != null) history.add(new Turn(true, s.message().channel(), null, s.reply(), i * 3_600_000L + 60_000));
        }
        return new Result(steps, minCache, builder.targetPrefixTokens(), seedTotal, oursTotal, reads, writes, prefix,
                max, seedMax);
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        TokenCounter tokens = TokenCounter.o200k();
        System.out.println("LLM prompt size: " + steps + "-step transcript, " + tokens.encodingName()
                + ", whole transcript up to " + PersonaPromptBuilder.DEFAULT_MAX_TURNS + " turns, all seven built-in personas\n");
        System.out.println("| cache minimum | channel-rule padding | conversation cached | prefix (min–max) | seed input | ours input "
                + "| ours/seed | uncached/seed | cost-weighted/seed | uncached ≤ 0.35× |");
        System.out.println("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        List<List<Result>> all = new ArrayList<>();
        for (int[] conf : CONFIGURATIONS) {
            List<Result> rs = new ArrayList<>();
            for (Persona p : PersonaCatalog.builtIns()) {
                rs.add(run(p, steps, new PersonaPromptBuilder(PersonaPromptBuilder.DEFAULT_MAX_TURNS, conf[1]), tokens, conf[0],
                        conf[2] == 1));
            }
            all.add(rs);
            long st = rs.stream().mapToLong(Result::seedTotal).sum();
            long ot = rs.stream().mapToLong(Result::oursTotal).sum();
            long ou = rs.stream().mapToLong(Result::oursUncached).sum();
            double cw = rs.stream().mapToDouble(Result::costWeighted).sum();
            int pmin = rs.stream().mapToInt(Result::prefixTokens).min().orElse(0);
            int pmax = rs.stream().mapToInt(Result::prefixTokens).max().orElse(0);
            System.out.printf("| %,d | %s | %s | %,d–%,d | %,d | %,d | %.2f× | %.2f× | %.2f× | %s |%n", conf[0],
                    conf[1] == 0 ? "no" : "to " + String.format("%,d", conf[1]) + " tokens",
                    conf[2] == 1 ? "yes" : "no (state line in Converse system, before)", pmin, pmax, st, ot,
                    (double) ot / st, (double) ou / st, cw / st, (double) ou / st <= 0.35 ? "yes" : "**no**");
        }
        System.out.println("\nPer persona, uncached/seed and cost-weighted/seed:\n");
        StringBuilder head = new StringBuilder("| persona | largest step ours / seed (no padding) |");
        StringBuilder rule = new StringBuilder("| --- | ---: |");
        for (int[] conf : CONFIGURATIONS) {
            head.append(String.format(" min %,d%s%s |", conf[0], conf[1] == 0 ? "" : " + padding", conf[2] == 1 ? "" : ", system only"));
            rule.append(" ---: |");
        }
        System.out.println(head);
        System.out.println(rule);
        for (int i = 0; i < PersonaCatalog.builtIns().size(); i++) {
            Result base = all.get(0).get(i);
            StringBuilder row = new StringBuilder(String.format("| %s | %,d / %,d |",
                    PersonaCatalog.builtIns().get(i).name(), base.maxStepTokens(), base.seedMaxStepTokens()));
            for (List<Result> rs : all) row.append(String.format(" %.2f× / %.2f× |", rs.get(i).uncachedRatio(), rs.get(i).costRatio()));
            System.out.println(row);
        }
    }

}
