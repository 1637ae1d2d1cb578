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

    public static final int SHOUTING = 25, EXCESSIVE_PUNCTUATION = 15, MONEY_CLAIMS = 20, URGENCY_W = 15,
            TOO_GOOD_W = 20, CLICK_HERE_W = 10, URL_SHORTENER = 25, TOO_MANY_LINKS = 10, PRIZE_W = 20;
    /** Links above which a message counts as link-heavy: one for SMS is normal, a newsletter has several. */
    public static final int MAX_SMS_LINKS = 1, MAX_EMAIL_LINKS = 5;

    /**
     * Patterns run on the lower-cased text (so no case-insensitive matching, which is several times
     * slower in java.util.regex), and only when one of the rule's trigger substrings is present:
     * a clean message then costs a few {@code contains} calls, which keeps 100k steps under a second.
     */
    private record Rule(String name, int weight, Pattern pattern, String... triggers) {
        Matcher find(String lower) {
            for (String t : triggers) {
                if (lower.contains(t)) {
                    Matcher m = pattern.matcher(lower);
                    return m.find() ? m : null;
                }
            }
            return null;
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("excessive_punctuation", EXCESSIVE_PUNCTUATION, Pattern.compile("[!?]{2,}|\\${2,}"), "!!", "??", "!?", "?!", "$$"),
            new Rule("money_claims", MONEY_CLAIMS, Pattern.compile("\\${2,}|\\bcash\\b|\\bearn\\s+(?:up\\s+to\\s+)?\\$|\\bmake\\s+money\\b|\\bextra\\s+income\\b|\\bfree\\s+money\\b"),
                    "$$", "cash", "earn", "money", "income"),
            new Rule("urgency", URGENCY_W, Pattern.compile("\\bact\\s+now\\b|\\blimited\\s+time\\b|\\burgent\\b|\\bexpires?\\s+today\\b|\\bhurry\\b|\\blast\\s+chance\\b|\\btoday\\s+only\\b|\\bdon'?t\\s+miss\\s+out\\b|\\bbefore\\s+it'?s\\s+too\\s+late\\b"),
                    "now", "limited", "urgent", "expire", "hurry", "chance", "only", "miss", "late"),
            new Rule("too_good_to_be_true", TOO_GOOD_W, Pattern.compile("\\bguarantee(?:d)?\\b|\\brisk[\\s-]free\\b|\\b100\\s*%\\s*free\\b|\\bno\\s+obligation\\b|\\bno\\s+strings\\s+attached\\b"),
                    "guarantee", "risk", "free", "obligation", "strings"),
            new Rule("click_here", CLICK_HERE_W, Pattern.compile("\\bclick\\s+(?:here|below|this\\s+link)\\b"), "click"),
            new Rule("prize_language", PRIZE_W, Pattern.compile("\\bwinner\\b|\\bcongratulations\\b|\\byou(?:'ve|\\s+have)\\s+won\\b|\\bclaim\\s+your\\b|\\bprize\\b"),
                    "winner", "congratulations", "won", "claim", "prize"));
    /** Public short-link hosts: carriers filter these hard because phishing hides behind them. */
    static final Set<String> SHORTENERS = Set.of("bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly",
            "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "tiny.cc", "bl.ink", "s.id", "v.gd");
    /** Upper-case words that are not shouting: opt-out keywords and common abbreviations. */
    private static final Set<String> ACRONYMS = Set.of("STOP", "HELP", "SMS", "OK", "US", "USA", "FAQ", "ID", "AM", "PM",
            "ET", "CT", "MT", "PT", "EST", "PST", "CST", "UTC", "VIP", "CEO", "CRM", "API", "PDF", "URL", "RSVP", "HVAC", "LLC", "INC");

    private SpamScorer() {
    }

    public static Score score(String text, Channel channel) {
        List<Hit> hits = new ArrayList<>();
        if (text == null || text.isBlank()) return new Score(0, hits);
        shouting(text, hits);
        String lower = text.toLowerCase(Locale.ROOT);
        for (Rule r : RULES) {
            Matcher m = r.find(lower);
            if (m != null) hits.add(new Hit(r.name(), r.weight(), "\"" + m.group() + "\""));
        }
        links(lower, channel, hits);
        int sum = 0;
        for (Hit h : hits) sum += h.weight();
        return new Score(Math.min(100, sum), hits);
    }

    /**
     * Links and short links, by a scan of whitespace-separated tokens rather than regexes with
     * look-behinds (which cost microseconds per character). A link starts with http(s):// or www.,
     * or is host/path on a shortener host.
     */
    private static void links(String lower, Channel channel, List<Hit> hits) {
        int links = 0;
        String shortLink = null;
        int n = lower.length();
        for (int i = 0; i < n; ) {
            while (i < n && separator(lower.charAt(i))) i++;
            int from = i;
            while (i < n && !separator(lower.charAt(i))) i++;
            if (i == from) continue;
            String token = lower.substring(from, i);
            int hostStart = token.startsWith("https://") ? 8 : token.startsWith("http://") ? 7 : 0;
            boolean explicit = hostStart > 0 || token.startsWith("www.");
            int slash = token.indexOf('/', hostStart);
            if (!explicit && slash < 0) continue;
            String host = token.substring(hostStart, slash < 0 ? token.length() : slash);
            if (host.startsWith("www.")) host = host.substring(4);
            boolean shortener = SHORTENERS.contains(host);
            if (shortener && shortLink == null) shortLink = token;
            if (explicit || shortener) links++;
        }
        if (shortLink != null) hits.add(new Hit("url_shortener", URL_SHORTENER, "\"" + shortLink + "\""));
        int max = channel == Channel.SMS ? MAX_SMS_LINKS : MAX_EMAIL_LINKS;
        if (links > max) hits.add(new Hit("too_many_links", TOO_MANY_LINKS, links + " links, more than " + max));
    }

    private static boolean separator(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '(' || c == ')';
    }

    /** At least 3 capitalised words making up 30% of the words, or 4 in a row. A char scan: no regex. */
    private static void shouting(String text, List<Hit> hits) {
        int words = 0, caps = 0, run = 0, longestRun = 0;
        List<String> examples = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n; ) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int from = i;
            boolean hasUpper = false, hasLower = false;
            while (i < n && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '\'' || text.charAt(i) == '’')) {
                char c = text.charAt(i++);
                if (Character.isUpperCase(c)) hasUpper = true;
                else if (Character.isLowerCase(c)) hasLower = true;
            }
            if (i - from < 2) continue;
            words++;
            String w = text.substring(from, i);
            if (hasUpper && !hasLower && !ACRONYMS.contains(w)) {
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

}
