package dev.rehearsal.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code rehearse} command. Exit codes: 0 pass, 1 findings or failed expectations, 2 bad input. */
@Command(name = "rehearse", mixinStandardHelpOptions = true, version = "rehearse 0.1.0",
        description = "Rehearse a CRM marketing workflow with simulated leads before it goes live.",
        subcommands = {ValidateCommand.class, TestCommand.class, EstimateCommand.class, PersonasCommand.class,
                ServeCommand.class, RegressCommand.class, ImportCommand.class})
public final class Main {
    public static final int OK = 0, FAILED = 1, BAD_INPUT = 2;
    /** The walks could not decide: an expectation undecided, or too few valid walks (provider failures). */
    public static final int UNDECIDED = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println("rehearse: " + ex.getMessage());
            return BAD_INPUT;
        });
        cl.setExitCodeExceptionMapper(t -> BAD_INPUT);
        return cl.execute(args);
    }
}
