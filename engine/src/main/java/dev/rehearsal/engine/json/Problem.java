package dev.rehearsal.engine.json;

/**
 * One thing wrong with an input document: where (JSON pointer, and line/column when the
 * source text is known) and what, with a stable machine-readable code.
 */
public record Problem(String pointer, int line, int column, String code, String message) implements Comparable<Problem> {

    public static Problem at(LocatedJson doc, String pointer, String code, String message) {
        Located l = doc == null ? Located.UNKNOWN : doc.locate(pointer);
        return new Problem(pointer, l.line(), l.column(), code, message);
    }

    /** "/steps/2/type (line 14, column 15): unknown step type 'send_fax'". */
    public String describe() {
        String where = pointer == null || pointer.isEmpty() ? "(document)" : pointer;
        if (line > 0) where += " (line " + line + ", column " + column + ")";
        return where + ": " + message;
    }

    @Override
    public int compareTo(Problem o) {
        int c = Integer.compare(line, o.line);
        if (c != 0) return c;
        c = Integer.compare(column, o.column);
        if (c != 0) return c;
        c = String.valueOf(pointer).compareTo(String.valueOf(o.pointer));
        return c != 0 ? c : message.compareTo(o.message);
    }
}
