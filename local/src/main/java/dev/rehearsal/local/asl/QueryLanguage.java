package dev.rehearsal.local.asl;

public enum QueryLanguage {
    JSONPATH, JSONATA;

    static QueryLanguage parse(String s) {
        if (s == null) return null;
        return switch (s) {
            case "JSONPath" -> JSONPATH;
            case "JSONata" -> JSONATA;
            default -> throw new DefinitionException("Unknown QueryLanguage '" + s + "'");
        };
    }
}
