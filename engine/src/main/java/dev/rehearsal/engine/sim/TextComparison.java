package dev.rehearsal.engine.sim;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The comparisons of Twilio Studio's "Split Based On..." widget, with its documented semantics:
 * conditions are not case-sensitive and leading and trailing spaces are trimmed from both sides.
 * "Matches any of" takes a comma-separated list and matches when the input equals one item.
 * A regex is searched for (not anchored) case-insensitively; an invalid one never matches.
 * The numeric comparisons hold only when both sides read as numbers.
 */
public final class TextComparison {
    private TextComparison() {
    }

    public static boolean test(String operator, String input, String value) {
        String in = norm(input), v = norm(value);
        return switch (operator) {
            case "equal_to" -> in.equals(v);
            case "not_equal_to" -> !in.equals(v);
            case "matches_any_of" -> anyOf(in, value);
            case "does_not_match_any_of" -> !anyOf(in, value);
            case "contains" -> in.contains(v);
            case "does_not_contain" -> !in.contains(v);
            case "starts_with" -> in.startsWith(v);
            case "does_not_start_with" -> !in.startsWith(v);
            case "regex" -> regex(input, value);
            case "is_blank" -> in.isEmpty();
            case "is_not_blank" -> !in.isEmpty();
            case "less_than" -> {
                int c = compare(in, v);
                yield c != Integer.MIN_VALUE && c < 0;
            }
            case "greater_than" -> compare(in, v) > 0;
            default -> throw new IllegalArgumentException("unknown text operator '" + operator + "'");
        };
    }

    private static String norm(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean anyOf(String in, String list) {
        return list != null && Arrays.stream(list.split(",")).map(TextComparison::norm).anyMatch(in::equals);
    }

    private static boolean regex(String input, String pattern) {
        try {
            return Pattern.compile(pattern == null ? "" : pattern.trim(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher(input == null ? "" : input.trim()).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** Numeric order, or {@link Integer#MIN_VALUE} when either side is not a number. */
    private static int compare(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }
}
