package dev.rehearsal.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Entry point of the {@code rehearse} command. Exit codes: 0 pass, 1 findings or failed expectations, 2 bad input. */
@Command(name = "rehearse", mixinStandardHelpOptions = true, version = "rehearse 0.1.0",
        description = "Rehearse a CRM marketing workflow with simulated leads before it goes live.")
public final class Main {
    public static final int OK = 0, FAILED = 1, BAD_INPUT = 2;
    /** The walks could not decide: an expectation undecided, or too few valid walks (provider failures). */
    public static final int UNDECIDED = 3;

    // In the order `rehearse --help` lists them.
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("validate", ValidateCommand::new);
        COMMANDS.put("test", TestCommand::new);
        COMMANDS.put("estimate", EstimateCommand::new);
        COMMANDS.put("personas", PersonasCommand::new);
        COMMANDS.put("serve", ServeCommand::new);
        COMMANDS.put("regress", RegressCommand::new);
        COMMANDS.put("import", ImportCommand::new);
    }

    static {
        // A class or resource found nowhere is searched for in every jar on the class path (~105), opening any not yet
        // open. Picocli probes for Groovy closures and SLF4J (the JSON Schema checker logs through it) scans every jar
        // for its provider; neither is needed here. (The JDK's time-zone rules provider scans once anyway.)
        setIfAbsent("picocli.disable.closures", "true");
        setIfAbsent("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
        setIfAbsent("slf4j.internal.verbosity", "WARN");   // else SLF4J announces the provider it was given
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) System.setProperty(property, value);
    }

    public static void main(String[] args) {
        System.exit(runAsProcess(args));
    }

    /** What a {@code rehearse} process runs: the input file's early read ({@link Preload}), then the command. */
    public static int runAsProcess(String... args) {
        Preload.start(args);
        return run(args);
    }

    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /**
     * The command line for these arguments. Picocli reads every command's options by reflection when it is added,
     * and its classes cannot be class-data shared (class-file version 49), so only the subcommand being run is
     * added; anything else (help, a version, an unknown or abbreviated name) gets all of them.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Supplier<Object> only = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (only != null) {
            cl.addSubcommand(args[0], only.get());
        } else {
            COMMANDS.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        }
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println("rehearse: " + ex.getMessage());
            return BAD_INPUT;
        });
        cl.setExitCodeExceptionMapper(t -> BAD_INPUT);
        return cl;
    }
}
