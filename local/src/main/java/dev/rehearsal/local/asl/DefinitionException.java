package dev.rehearsal.local.asl;

/** The definition is not valid ASL; raised before anything runs. */
public class DefinitionException extends RuntimeException {
    public DefinitionException(String message) { super(message); }
}
