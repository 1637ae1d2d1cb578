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
 * Input tokens of our persona prompts against the seed's, on the same 30-step transcript.
 * Run: {@code mvn -o -q -pl providers exec:java -Dexec.mainClass=dev.rehearsal.providers.bench.PromptSizeBenchmark}
 */
public final class PromptSizeBenchmark {
    public record Result(int steps, long seedTotal, long oursTotal, long oursCached, long oursUncached,
                         int prefixTokens, int maxStepTokens, int seedMaxStepTokens, long uncachedMin1024,
                         long uncachedMin4096) {
        public double totalRatio() {
            return (double) oursTotal / seedTotal;
        }

        public double uncachedRatio() {
            return (double) oursUncached / seedTotal;
        }
    }

    public static Result run(Persona persona, int steps, PersonaPromptBuilder builder, TokenCounter tokens) {
        List<SampleTranscript.Step> script = SampleTranscript.steps(steps, persona.contact().getOrDefault("first_name", "there"));
        long seedTotal = 0, oursTotal = 0, cached = 0; // cached: served from the previous step's cache
        long cached1024 = 0, cached4096 = 0; // the same where the provider caches only prefixes of that size
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
            int total = tokens.total(p);
            prefix = tokens.prefix(p);
            oursTotal += total;
            max = Math.max(max, total);
            long c = i == 0 ? 0 : Estimator.reusable(previous, p, tokens);
            cached += c;
            cached1024 += c >= 1024 ? c : 0;
            cached4096 += c >= 4096 ? c : 0;
            previous = p;

            history.add(new Turn(false, s.message().channel(), s.message().subject(), s.message().body(), i * 3_600_000L));
            if (s.reply() != null) history.add(new Turn(true, s.message().channel(), null, s.reply(), i * 3_600_000L + 60_000));
        }
        return new Result(steps, seedTotal, oursTotal, cached, oursTotal - cached, prefix, max, seedMax,
                oursTotal - cached1024, oursTotal - cached4096);
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : PersonaPromptBuilder.DEFAULT_WINDOW;
        int chunk = args.length > 2 ? Integer.parseInt(args[2]) : PersonaPromptBuilder.DEFAULT_CHUNK;
        TokenCounter tokens = TokenCounter.o200k();
        System.out.println("LLM prompt size: " + steps + "-step transcript, " + tokens.encodingName()
                + ", window " + window + " turns moving in chunks of " + chunk + "\n");
        System.out.println("| persona | seed input | ours input | ours uncached | ours/seed | uncached/seed "
                + "| uncached/seed, cache min 1,024 | uncached/seed, cache min 4,096 | largest step ours / seed |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        long st = 0, ot = 0, ou = 0, o1 = 0, o4 = 0;
        for (Persona p : PersonaCatalog.builtIns()) {
            Result r = run(p, steps, new PersonaPromptBuilder(window, chunk), tokens);
            st += r.seedTotal();
            ot += r.oursTotal();
            ou += r.oursUncached();
            o1 += r.uncachedMin1024();
            o4 += r.uncachedMin4096();
            System.out.printf("| %s | %,d | %,d | %,d | %.2f× | %.2f× | %.2f× | %.2f× | %,d / %,d |%n", p.name(),
                    r.seedTotal(), r.oursTotal(), r.oursUncached(), r.totalRatio(), r.uncachedRatio(),
                    (double) r.uncachedMin1024() / r.seedTotal(), (double) r.uncachedMin4096() / r.seedTotal(),
                    r.maxStepTokens(), r.seedMaxStepTokens());
        }
        System.out.printf("| **all seven** | %,d | %,d | %,d | %.2f× | %.2f× | %.2f× | %.2f× | |%n", st, ot, ou,
                (double) ot / st, (double) ou / st, (double) o1 / st, (double) o4 / st);
    }
}
