package dev.rehearsal.engine.json;

/** A line and column in a source document (1-based), attached to problems so users can find them. */
public record Located(int line, int column) {
    public static final Located UNKNOWN = new Located(0, 0);

    @Override
    public String toString() {
        return line > 0 ? line + ":" + column : "?";
    }
}
