package dev.rehearsal.engine.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores how much a message looks like spam to carriers' and mailbox providers' filters: a fixed
 * weight per rule that fires (each rule counts once), summed and capped at 100. The weights are the
 * table in docs/VALIDATION.md; change both together.
 */
public final class SpamScorer {
    public static final int WARNING_AT = 40;
    public static final int ERROR_AT = 70;

    /** One rule that fired, with its weight and the text that made it fire. */
    public record Hit(String rule, int weight, String evidence) {
        @Override
        public String toString() {
            return rule + " +" + weight + " (" + evidence + ")";
        }
    }

    public record Score(int score, List<Hit> hits) {
    }

    public enum Channel { SMS, EMAIL }

    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’]*");
    private static final Pattern PUNCT = Pattern.compile("[!?]{2,}|\\${2,}");
    private static final Pattern MONEY = Pattern.compile("\\${2,}|\\bcash\\b|\\bearn\\s+(?:up\\s+to\\s+)?\\$|\\bmake\\s+money\\b|\\bextra\\s+income\\b|\\bfree\\s+money\\b", CI);
    private static final Pattern URGENCY = Pattern.compile("\\bact\\s+now\\b|\\blimited\\s+time\\b|\\burgent\\b|\\bexpires?\\s+today\\b|\\bhurry\\b|\\blast\\s+chance\\b|\\btoday\\s+only\\b|\\bdon'?t\\s+miss\\s+out\\b|\\bbefore\\s+it'?s\\s+too\\s+late\\b", CI);
    private static final Pattern TOO_GOOD = Pattern.compile("\\bguarantee(?:d)?\\b|\\brisk[\\s-]free\\b|\\b100\\s*%\\s*free\\b|\\bno\\s+obligation\\b|\\bno\\s+strings\\s+attached\\b", CI);
    private static final Pattern CLICK_HERE = Pattern.compile("\\bclick\\s+(?:here|below|this\\s+link)\\b", CI);
    private static final Pattern PRIZE = Pattern.compile("\\bwinner\\b|\\bcongratulations\\b|\\byou(?:'ve|\\s+have)\\s+won\\b|\\bclaim\\s+your\\b|\\bprize\\b", CI);
    /** Shared short-link domains: carriers filter these hard because phishing hides behind them. */
    private static final Pattern SHORTENER = Pattern.compile("(?<![\\w.-])(?:bit\\.ly|tinyurl\\.com|goo\\.gl|t\\.co|ow\\.ly|is\\.gd|buff\\.ly|rebrand\\.ly|cutt\\.ly|shorturl\\.at|rb\\.gy|tiny\\.cc|bl\\.ink|s\\.id|v\\.gd)/", CI);
    private static final Pattern LINK = Pattern.compile("\\bhttps?://[^\\s\"'<>]+|(?<![\\w@/.-])www\\.[^\\s\"'<>]+|(?<![\\w.-])(?:bit\\.ly|tinyurl\\.com|goo\\.gl|t\\.co|ow\\.ly|is\\.gd|buff\\.ly|rebrand\\.ly|cutt\\.ly|rb\\.gy)/[^\\s\"'<>]*", CI);
    /** Upper-case words that are not shouting: opt-out keywords and common abbreviations. */
    private static final Set<String> ACRONYMS = Set.of("STOP", "HELP", "SMS", "OK", "US", "USA", "FAQ", "ID", "AM", "PM",
            "ET", "CT", "MT", "PT", "EST", "PST", "CST", "UTC", "VIP", "CEO", "CRM", "API", "PDF", "URL", "RSVP", "HVAC", "LLC", "INC");

    public static final int SHOUTING = 25, EXCESSIVE_PUNCTUATION = 15, MONEY_CLAIMS = 20, URGENCY_W = 15,
            TOO_GOOD_W = 20, CLICK_HERE_W = 10, URL_SHORTENER = 25, TOO_MANY_LINKS = 10, PRIZE_W = 20;
    /** Links above which a message counts as link-heavy: one for SMS is normal, a newsletter has several. */
    public static final int MAX_SMS_LINKS = 1, MAX_EMAIL_LINKS = 5;

    private SpamScorer() {
    }

    public static Score score(String text, Channel channel) {
        List<Hit> hits = new ArrayList<>();
        if (text == null || text.isBlank()) return new Score(0, hits);
        shouting(text, hits);
        match(PUNCT, text, "excessive_punctuation", EXCESSIVE_PUNCTUATION, hits);
        match(MONEY, text, "money_claims", MONEY_CLAIMS, hits);
        match(URGENCY, text, "urgency", URGENCY_W, hits);
        match(TOO_GOOD, text, "too_good_to_be_true", TOO_GOOD_W, hits);
        match(CLICK_HERE, text, "click_here", CLICK_HERE_W, hits);
        match(PRIZE, text, "prize_language", PRIZE_W, hits);
        match(SHORTENER, text, "url_shortener", URL_SHORTENER, hits);
        int links = 0;
        for (Matcher m = LINK.matcher(text); m.find(); ) links++;
        int max = channel == Channel.SMS ? MAX_SMS_LINKS : MAX_EMAIL_LINKS;
        if (links > max) hits.add(new Hit("too_many_links", TOO_MANY_LINKS, links + " links, more than " + max));
        int sum = 0;
        for (Hit h : hits) sum += h.weight();
        return new Score(Math.min(100, sum), hits);
    }

    /** At least 3 capitalised words making up 30% of the words, or 4 in a row. */
    private static void shouting(String text, List<Hit> hits) {
        int words = 0, caps = 0, run = 0, longestRun = 0;
        List<String> examples = new ArrayList<>();
        for (Matcher m = WORD.matcher(text); m.find(); ) {
            String w = m.group();
            if (w.length() < 2) continue;
            words++;
            boolean upper = w.equals(w.toUpperCase(Locale.ROOT)) && !w.equals(w.toLowerCase(Locale.ROOT))
                    && !ACRONYMS.contains(w);
            if (upper) {
                caps++;
                run++;
                longestRun = Math.max(longestRun, run);
                if (examples.size() < 3) examples.add(w);
            } else {
                run = 0;
            }
        }
        if ((caps >= 3 && caps * 10 >= words * 3) || longestRun >= 4) {
            hits.add(new Hit("shouting", SHOUTING, caps + " of " + words + " words in capitals, e.g. " + String.join(" ", examples)));
        }
    }

    private static void match(Pattern p, String text, String rule, int weight, List<Hit> hits) {
        Matcher m = p.matcher(text);
        if (m.find()) hits.add(new Hit(rule, weight, "\"" + m.group() + "\""));
    }
}
