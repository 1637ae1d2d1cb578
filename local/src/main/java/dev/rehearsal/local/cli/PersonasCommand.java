package dev.rehearsal.local.cli;

import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists and shows the built-in personas. */
@Command(name = "personas", mixinStandardHelpOptions = true, description = "List or show personas.",
        subcommands = {PersonasCommand.ListPersonas.class, PersonasCommand.ShowPersona.class})
final class PersonasCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "List the built-in personas.")
    static final class ListPersonas implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            var out = spec.commandLine().getOut();
            for (Persona p : PersonaCatalog.builtIns()) {
                out.printf("%-20s %-20s %s%n", p.id(), p.name(), p.description());
            }
            out.flush();
        }
    }

    @Command(name = "show", description = "Show one persona as JSON.")
    static final class ShowPersona implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var p = PersonaCatalog.builtIn(id);
            if (p.isEmpty()) {
                spec.commandLine().getErr().println("rehearse: unknown persona '" + id + "' (built-ins: "
                        + String.join(", ", PersonaCatalog.BUILT_IN_IDS) + ")");
                return Main.BAD_INPUT;
            }
            spec.commandLine().getOut().println(Json.pretty(p.get()));
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }
}
