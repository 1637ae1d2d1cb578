package dev.rehearsal.engine.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The spam rules: which traits a message shows, each with the text that shows it. Rules only
 * detect; how much each counts is fitted from labelled data (see {@link SpamWeights}). The same
 * detection feeds the scorer and the fit, so what is measured is what ships.
 *
 * <p>Patterns run on the lower-cased text (case-insensitive matching is several times slower in
 * java.util.regex), and only when one of the rule's trigger substrings is present, so a clean
 * message costs a few {@code contains} calls.
 */
public final class SpamFeatures {
    /** Every rule, in the order findings list them. */
    public static final List<String> RULES = List.of(
            "premium_rate_number", "freephone_number", "per_message_charge", "text_keyword_to_short_code", "prize_language", "account_bait",
            "age_or_terms_gate", "restricted_content", "income_claims", "cash", "too_good_to_be_true", "free_offer",
            "urgency", "alarm_words", "generic_greeting", "asks_for_personal_details", "shouting", "excessive_punctuation",
            "click_here", "url_shortener", "link_density");

    /** Links per word above which a message is link-heavy: one link per 10 words (footer links not counted). */
    public static final int WORDS_PER_LINK = 10;
    /** Share of words in capitals (percent, headings excluded) from which a message shouts; at least 3 such words. */
    public static final int SHOUTING_PERCENT = 30;

    /**
     * A rule's pattern runs only when one of its triggers occurs (if it has triggers) and its gate passes (if it has
     * one). A gate is a cheap test the text must pass for the pattern to match at all, so it only saves work.
     */
    record Rule(String name, Pattern pattern, Predicate<String> gate, String... triggers) {
        Rule(String name, Pattern pattern, String... triggers) {
            this(name, pattern, null, triggers);
        }

        /** The pattern's first match, looked for only when the triggers and the gate allow it. */
        Matcher find(String lower, boolean triggered) {
            if (triggers.length > 0 && !triggered || gate != null && !gate.test(lower)) return null;
            Matcher m = pattern.matcher(lower);
            return m.find() ? m : null;
        }
    }

    /**
     * Which rules have one of their trigger substrings in a text, found in one pass over it: the triggers are
     * filed under (a hash of) their first two characters, so each position of the text is compared only with the
     * few triggers that start with the pair found there, instead of ~150 {@code contains} searches per message
     * (100k-step workflows: docs/PERFORMANCE.md, "Big workflows"). Exactly "some trigger of the rule occurs".
     */
    static final class Triggers {
        private static final int BUCKETS = 4096;
        private final int[] head = new int[BUCKETS];
        private final int[] next;
        private final String[] trigger;
        private final int[] rule;

        /** {@code triggers.get(r)}: the trigger substrings of rule {@code r} (non-empty strings). */
        Triggers(List<String[]> triggers) {
            java.util.Arrays.fill(head, -1);
            if (triggers.size() > 64) throw new IllegalArgumentException("at most 64 rules");
            int count = 0;
            for (String[] r : triggers) count += r.length;
            next = new int[count];
            trigger = new String[count];
            rule = new int[count];
            int k = 0;
            for (int r = 0; r < triggers.size(); r++) {
                for (String t : triggers.get(r)) {
                    trigger[k] = t;
                    rule[k] = r;
                    int h = t.length() < 2 ? -1 : hash(t.charAt(0), t.charAt(1));
                    if (h >= 0) {
                        next[k] = head[h];
                        head[h] = k;
                    } else {
                        next[k] = -2; // one character: searched on its own
                    }
                    k++;
                }
            }
        }

        /** Bit {@code r} set when rule {@code r} (its index in the list given) has a trigger in {@code text}. */
        long present(String text) {
            long found = 0;
            for (int k = 0; k < trigger.length; k++) {
                if (next[k] == -2 && text.indexOf(trigger[k]) >= 0) found |= 1L << rule[k];
            }
            for (int i = 0, n = text.length() - 1; i < n; i++) {
                for (int k = head[hash(text.charAt(i), text.charAt(i + 1))]; k >= 0; k = next[k]) {
                    if ((found & 1L << rule[k]) == 0 && text.startsWith(trigger[k], i)) found |= 1L << rule[k];
                }
            }
            return found;
        }

        private static int hash(char a, char b) {
            return (a * 31 + b) & (BUCKETS - 1);
        }
    }

    private static final String MONEY = "(?:[£$€]\\s?\\d[\\d,]*(?:\\.\\d{1,2})?|\\d[\\d,]*(?:\\.\\d{1,2})?\\s?(?:p|pence)\\b)";
    /** An amount of 100 or more in a currency. */
    private static final String BIG_MONEY = "[£$€]\\s?(?:\\d{1,3},\\d{3}|\\d{3,})(?:\\.\\d{1,2})?";
    /** Opt-out and help keywords: "text STOP to 12345" is compliance, not a sign-up bait. */
    private static final String OPT_OUT_WORDS = "stop|stopall|help|end|quit|cancel|unsubscribe|info";

    // "We are trying to contact you" is the premium-rate callback bait; "we tried to reach you by text" is
    // an ordinary follow-up (examples/sms-lead-followup), so only the former counts as account bait.
    static final List<Rule> PATTERN_RULES = List.of(
            // UK premium-rate (09, 087, 084, 070) and US 900 numbers: the charge is the point of the message.
            new Rule("premium_rate_number", Pattern.compile("(?<!\\d)0(?:9\\d|87|84|70)\\d\\s?\\d{3}\\s?\\d{3,4}(?!\\d)|(?<!\\d)1?[-. (]*900[-. )]+\\d{3}[-. ]?\\d{4}(?!\\d)"),
                    SpamFeatures::phoneNumber, "09", "087", "084", "070", "900"),
            // UK freephone numbers and "freephone": how the SMS-era handset and loan spam asked to be called back.
            new Rule("freephone_number", Pattern.compile("(?<!\\d)080[08]\\s?\\d{3}\\s?\\d{3,4}(?!\\d)|\\bfree(?:phone|fone)\\b"),
                    lower -> phoneNumber(lower) || lower.contains("free"), "080", "phone", "fone"),
            new Rule("per_message_charge", Pattern.compile(MONEY + "\\s?(?:/|per|each|p)\\s?(?:msg|message|txt|text|sms|min|minute|call|week|wk|tone|alert)s?\\b"
                    + "|\\b\\d+(?:\\.\\d+)?\\s?p\\s?(?:pm|pw|msg|min)\\b|\\b\\d+ppm\\b|\\bstd\\.?\\s+(?:txt\\s+|text\\s+|network\\s+)?rates?\\b|\\bperweeksub\\b|\\b(?:cost|costs|costing|charged|billed)\\s+(?:\\w+\\s+)?" + MONEY
                    + "|(?<![\\w.£$€])\\d{1,3}p\\b(?!\\s?(?:m|x))|\\bgbp\\s?\\d|\\bstd\\s+(?:ntwk|network|txt|wap)\\s+(?:chg|charge)s?\\b"),
                    SpamFeatures::moneyOrPence),
            new Rule("text_keyword_to_short_code", Pattern.compile("\\b(?:txt|text|txting|texting|send|sms|reply|rply)\\W+(?:the\\s+)?(?:word\\W+)?[\"']?(?!(?:" + OPT_OUT_WORDS
                    + ")\\b)[a-z0-9]+[\"']?(?:\\W+[a-z0-9]+){0,3}?\\W+(?:to|2)\\W+(?:no\\W+)?\\d{4,6}\\b"), SpamFeatures::shortCodeAfterTo),
            new Rule("prize_language", Pattern.compile("\\bwinners?\\b|\\byou(?:'ve|\\s+have|\\s+are|'re)?\\s+(?:won(?!')|been\\s+(?:selected|chosen)|a\\s+winner)\\b|\\blucky\\s+day\\b|\\bchance\\s+(?:to|2)\\s+win\\b"
                    + "|\\b(?:selected|chosen)\\s+to\\s+(?:receive|win|take|test)\\b|\\bprizes?\\b|\\bclaim\\s+(?:your|now|it|yours|the|a)\\b|\\bto\\s+claim\\b"
                    + "|\\bawarded\\b|\\bwin\\s+(?:a|an|\\$|£|€|\\d)\\b|\\bwon\\s+(?:a|an|\\$|£|€|\\d)\\b|\\bsweepstakes?\\b|\\blottery\\b|\\bjackpot\\b|\\blucky\\s+(?:winner|draw|number)\\b"
                    + "|\\bfree\\s+entry\\b|\\bhas\\s+ganado\\b|\\bganador(?:a|es)?\\b|\\bpremio\\b"),
                    "win", "won", "prize", "claim", "award", "selected", "chosen", "sweepstake", "lotter", "jackpot", "lucky", "entry", "ganad", "premio"),
            new Rule("account_bait", Pattern.compile("\\b(?:trying|attempt(?:ed|ing)?)\\s+to\\s+contact\\s+(?:you|u)\\b|\\baccount\\s+statement\\b"
                    + "|\\b(?:account|subscription|card|membership|service)\\s+(?:has\\s+been|is|was|will\\s+be)\\s+(?:temporarily\\s+)?(?:suspended|locked|closed|on\\s+hold|limited|frozen|compromised)\\b"
                    + "|\\b(?:attempted|unable|tried)\\s+to\\s+deliver\\b|\\bcould\\s+not\\s+be\\s+delivered\\b|\\bheld\\s+at\\s+customs\\b|\\bfee\\s+is\\s+required\\b"
                    + "|\\bimportant\\s+(?:customer\\s+service\\s+)?(?:announcement|information|message)\\s+(?:for|from|4)\\b|\\byou\\s+have\\s+(?:\\d+|a)\\s+new\\s+(?:message|voicemail)\\b"
                    + "|\\bverify\\s+(?:your\\s+)?(?:account|identity|details|information|info)\\b|\\bconfirm\\s+your\\s+identity\\b|\\bunusual\\s+(?:activity|sign-?in|log-?in)\\b"
                    + "|\\bsuspicious\\s+activity\\b|\\bun-?redeemed\\b|\\bunclaimed\\b|\\bfinal\\s+(?:attempt|notice)\\b|\\b(?:unpaid|outstanding)\\s+(?:\\w+\\s+)?(?:fee|amount|balance)\\b"
                    + "|\\bpending\\s+(?:transfer|payment|deposit)\\b"),
                    "contact", "statement", "suspended", "locked", "closed", "on hold", "limited", "frozen", "compromised", "verify", "identity",
                    "unusual", "suspicious", "redeem", "unclaimed", "final", "unpaid", "outstanding", "pending", "deliver", "customs", "fee is",
                    "important", "new message", "new voicemail"),
            // Premium-rate SMS services must state an age limit and terms; marketing to opted-in customers does not.
            new Rule("age_or_terms_gate", Pattern.compile("(?<![\\w+])1[68]\\s?\\+(?!\\d)|\\bt\\s?&\\s?c'?s?\\b|\\bt\\s?(?:and|n)\\s?c'?s?\\s+apply\\b|\\b(?:over|aged?)\\s+1[68]s?\\b|\\b1[68]\\s+only\\b|\\badult\\s+1[68]\\b"),
                    lower -> containsAny(lower, "+", "&", "apply", "over", "age", "only", "adult"), // one per alternative
                    "16", "18", "t&", "t &", "t and c", "t n c"),
            // Content US carriers filter on sight (CTIA's SHAFT categories, minus alcohol, which restaurants legitimately mention).
            new Rule("restricted_content", Pattern.compile("\\b(?:viagra|cialis|levitra|tramadol|xanax|casino|slots?\\s+machines?|free\\s+spins|sports\\s+betting|betting\\s+tips|bitcoin|btc|crypto(?:currency)?"
                    + "|hot\\s+singles|singles\\s+(?:in|near)|(?:naughty|xxx|sexy|hot)\\s+(?:pics|photos|videos?|movies?|content|chat|singles|girls|babes|women)|adult\\s+content|cannabis|cbd|no\\s+prescription"
                    + "|(?:women|girls|singles|babes)\\s+(?:near\\s+you|in\\s+your\\s+area|are\\s+waiting)|dogging|get\\s+laid|flirt|dating\\s+service|local\\s+dates)\\b"),
                    "viagra", "cialis", "levitra", "tramadol", "xanax", "casino", "slot", "spins", "betting", "bitcoin", "btc", "crypto", "singles", "naughty", "xxx", "sexy", "adult", "cannabis", "cbd", "prescription", "women", "girls", "babes", "dogging", "laid", "flirt", "dating", "local dates", "hot "),
            new Rule("income_claims", Pattern.compile("\\b(?:earn|earning|make|making|made)\\s+(?:up\\s+to\\s+|over\\s+|an?\\s+extra\\s+|)" + MONEY
                    + "|\\bextra\\s+income\\b|\\bmake\\s+money\\b|\\bfree\\s+money\\b|\\b(?:work|working)\\s+(?:from|at)\\s+home\\b|\\$\\$+"
                    + "|" + BIG_MONEY + "\\+?\\s?(?:/|per|a|an)\\s?day\\b|" + BIG_MONEY + "\\+?\\s+(?:daily|weekly)\\b|\\b(?:turn|double)\\s+(?:your\\s+)?(?:money|" + MONEY + ")"),
                    "earn", "make ", "making", "made ", "income", "money", "from home", "at home", "$$", "day", "daily", "weekly", "turn ", "double "),
            new Rule("cash", Pattern.compile("\\bcash\\b(?!\\s+(?:and|or|&)\\s+(?:card|credit))(?<!(?:card|credit)\\s(?:and|or)\\scash)"), "cash"),
            new Rule("too_good_to_be_true", Pattern.compile("\\bguarantee(?:d|s)?\\b|\\brisk[\\s-]?free\\b|\\b100\\s*%\\s*(?:free|natural|safe|guaranteed|automated)\\b|\\bno\\s+strings(?:\\s+attached)?\\b"
                    + "|\\bno\\s+credit\\s+check\\b|\\bmiracle\\b|\\bno\\s+catch\\b|\\bno\\s+experience\\b|\\bno\\s+risk\\b|\\bpre-?approved\\b|\\bone\\s+(?:weird\\s+)?trick\\b|\\bsecret\\b"),
                    lower -> lower.indexOf('%') >= 0 || containsAny(lower, "guarantee", "risk", "strings", "credit", "miracle", "catch", // "100" needs "%"
                            "experience", "approved", "trick", "secret"),
                    "guarantee", "risk", "100", "strings", "credit", "miracle", "catch", "experience", "approved", "trick", "secret"),
            new Rule("free_offer", Pattern.compile("\\bfree(?:msg)?\\b|\\bgratis\\b"), "free", "gratis"),
            // marketing pressure: a deadline or scarcity pushed at the reader
            new Rule("urgency", Pattern.compile("\\bact\\s+now\\b|\\blimited\\s+time\\b|\\bexpires?\\s+(?:today|tonight)\\b|\\blast\\s+chance\\b"
                    + "|\\btoday\\s+only\\b|\\bonly\\s+today\\b|\\bdon'?t\\s+miss\\s+out\\b|\\bbefore\\s+it'?s\\s+too\\s+late\\b|\\bwithin\\s+(?:24|48|12)\\s+hours\\b"
                    + "|\\b(?:reply|order|apply|click|join|buy)\\s+now\\b|\\bonly\\s+\\d+\\s+(?:spots?|left|remain)|\\bwhile\\s+(?:supplies|stocks?)\\s+last\\b|\\bmust\\s+go\\b"
                    + "|\\b[uú]ltima\\s+oportunidad\\b|\\bsolo\\s+hoy\\b|\\bpor\\s+tiempo\\s+limitado\\b"),
                    "act now", "limited", "expire", "chance", "only", "miss out", "too late", "within", " now", "while", "must go", "ltima", "solo", "tiempo"),
            // alarm words that personal texts use too ("hurry home"), so fitted apart from marketing pressure
            new Rule("alarm_words", Pattern.compile("\\burgent(?:ly)?\\b|\\bimmediately\\b|\\bhurry\\b|\\bcall\\s+now\\b|\\burgente\\b|\\binmediatamente\\b"),
                    "urgent", "immediately", "hurry", "call now", "inmediatamente"),
            new Rule("generic_greeting", Pattern.compile("\\b(?:dear|hello|hi|estimad[oa])\\s+(?:valued\\s+)?(?:customer|winner|lucky\\s+winner|sir|madam|sir/madam|user|applicant|account\\s+holder|voucher\\s+holder|beneficiary|member|cliente|usuario)\\b"),
                    "customer", "winner", "sir", "madam", "user", "applicant", "holder", "beneficiary", "member", "cliente", "usuario"),
            new Rule("asks_for_personal_details", Pattern.compile("\\breply\\s+with\\s+your\\s+(?:full\\s+)?(?:name|address|details|bank|date\\s+of\\s+birth|phone)"
                    + "|\\bbank\\s+(?:details|account\\s+number)\\b|\\bwire\\s+(?:transfer|instructions)\\b|\\bgift\\s+cards?\\s+to\\b|\\bcopy\\s+of\\s+your\\s+id\\b|\\bdate\\s+of\\s+birth\\b|\\bsocial\\s+security\\s+number\\b"),
                    "reply with", "bank", "wire", "gift card", "copy of", "birth", "social security"),
            new Rule("excessive_punctuation", Pattern.compile("[!?]{2,}|\\${2,}|(?:![^!]*){4,}"), "!", "??", "$$"));

    private static final Triggers TRIGGERS = new Triggers(PATTERN_RULES.stream().map(Rule::triggers).toList());

    /** Public short-link hosts: carriers filter these hard because phishing hides behind them. */
    static final Set<String> SHORTENERS = Set.of("bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly",
            "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "tiny.cc", "bl.ink", "s.id", "v.gd");
    /** Upper-case words that are not shouting: opt-out keywords and common abbreviations. */
    private static final Set<String> ACRONYMS = Set.of("STOP", "HELP", "SMS", "OK", "US", "USA", "UK", "FAQ", "ID", "AM", "PM",
            "ET", "CT", "MT", "PT", "EST", "PST", "CST", "UTC", "VIP", "CEO", "CRM", "API", "PDF", "URL", "RSVP", "HVAC", "LLC", "INC",
            "APR", "APY", "NCUA", "FDIC", "EIN", "CSV", "AC", "TV", "DJ", "SAT", "BOGO", "PS", "II", "III", "IV", "YES", "NO", "BOOK", "JOIN");
    /** A line with one of these is a footer (unsubscribe, preferences): its links and wording are required, not spammy. */
    private static final List<String> FOOTER_WORDS = List.of("unsubscribe", "opt out", "opt-out", "preferences", "view in browser",
            "view this email", "you are receiving", "you're receiving", "you're getting this", "manage email", "manage your");

    private SpamFeatures() {
    }

    /** The rules the text triggers, each with its evidence, in {@link #RULES} order. */
    public static Map<String, String> detect(String text, SpamScorer.Channel channel) {
        Map<String, String> found = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return found;
        String lower = text.toLowerCase(Locale.ROOT);
        Map<String, String> unordered = new LinkedHashMap<>();
        long triggered = TRIGGERS.present(lower);
        for (int i = 0; i < PATTERN_RULES.size(); i++) {
            Rule r = PATTERN_RULES.get(i);
            Matcher m = r.find(lower, (triggered & 1L << i) != 0);
            if (m != null) unordered.put(r.name(), "\"" + m.group().strip() + "\"");
        }
        shouting(text, channel, unordered);
        clickHere(lower, unordered);
        links(lower, unordered);
        for (String rule : RULES) if (unordered.containsKey(rule)) found.put(rule, unordered.get(rule));
        return found;
    }

    /** Gate of per_message_charge: a currency sign, a digit followed by "p" (pence), or "std"/"gbp"/"cost"/"charged"/"billed". */
    private static boolean moneyOrPence(String lower) {
        for (int i = 0, n = lower.length(); i < n; i++) {
            char c = lower.charAt(i);
            if (c == '£' || c == '$' || c == '€' || c >= '0' && c <= '9' && i + 1 < n && lower.charAt(i + 1) == 'p') return true;
        }
        return lower.contains("std") || lower.contains("gbp") || lower.contains("cost") || lower.contains("charged") || lower.contains("billed")
                || lower.contains("perweeksub");
    }

    /**
     * Gate of text_keyword_to_short_code, whose pattern ends {@code (?:to|2)\W+(?:no\W+)?\d{4,6}}: a run of at
     * least four digits right after non-word characters that follow an 'o' (of "to" or "no") or a '2'. Most phone
     * numbers, years and prices ("555-1234", "in 2026", "$1200") do not open the pattern.
     */
    private static boolean shortCodeAfterTo(String lower) {
        for (int i = 0, n = lower.length(); i < n; i++) {
            if (!asciiDigit(lower.charAt(i))) continue;
            int end = i;
            while (end < n && asciiDigit(lower.charAt(end))) end++;
            if (end - i >= 4 && i > 0 && !wordChar(lower.charAt(i - 1))) {
                int k = i - 1;
                while (k >= 0 && !wordChar(lower.charAt(k))) k--;
                if (k >= 0 && (lower.charAt(k) == 'o' || lower.charAt(k) == '2')) return true;
            }
            i = end;
        }
        return false;
    }

    /**
     * Gate of the phone-number patterns (premium rate, freephone): each matches ten or more digits with nothing
     * between them but spaces, dots, dashes or brackets, so a text without such a run cannot match; a quote number
     * or a price that merely contains "09" or "080" does not run them.
     */
    private static boolean phoneNumber(String lower) {
        int digits = 0;
        for (int i = 0, n = lower.length(); i < n; i++) {
            char c = lower.charAt(i);
            if (asciiDigit(c)) {
                if (++digits >= 10) return true;
            } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r')) {
                digits = 0;
            }
        }
        return false;
    }

    private static boolean containsAny(String lower, String... words) {
        for (String w : words) if (lower.contains(w)) return true;
        return false;
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A character of regex {@code \w} (ASCII letters, digits, underscore). */
    private static boolean wordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    static boolean footerLine(String lowerLine) {
        for (String w : FOOTER_WORDS) if (lowerLine.contains(w)) return true;
        return false;
    }

    private static final Pattern CLICK = Pattern.compile("\\bclick\\s+(?:here|below|this\\s+link|now)\\b");

    /**
     * "Click here" as the whole call to action: the phrase is followed by at most three words before
     * a link, a colon or the end of the sentence ("Click here: <link>", "CLICK HERE NOW"), and the line is
     * not a footer ("to unsubscribe, click here" is navigation a reader expects).
     */
    private static void clickHere(String lower, Map<String, String> found) {
        if (!lower.contains("click")) return;
        Matcher m = CLICK.matcher(lower);
        while (m.find()) {
            int lineStart = lower.lastIndexOf('\n', m.start()) + 1;
            int lineEnd = lower.indexOf('\n', m.end());
            String line = lower.substring(lineStart, lineEnd < 0 ? lower.length() : lineEnd);
            if (footerLine(line)) continue;
            String after = lower.substring(m.end(), lineEnd < 0 ? lower.length() : lineEnd);
            int stop = after.length();
            for (String end : new String[]{"http", "www.", ":", ".", "!", "?", ","}) {
                int i = after.indexOf(end);
                if (i >= 0 && i < stop) stop = i;
            }
            if (after.substring(0, stop).isBlank() || after.substring(0, stop).strip().split("\\s+").length <= 3
                    && !after.substring(0, stop).strip().startsWith("to ")) {
                found.put("click_here", "\"" + lower.substring(m.start(), m.end()) + "\"");
                return;
            }
        }
    }

    /**
     * Links and short links, by a scan of whitespace-separated tokens. A link starts with http(s):// or
     * www., or is host/path on a shortener host. Link density counts links outside footer lines against
     * the words of the message: a newsletter's many links are spread over many words.
     */
    private static void links(String lower, Map<String, String> found) {
        int links = 0, words = 0;
        String shortLink = null;
        int n = lower.length();
        boolean footer = false;
        int lineStart = 0;
        for (int i = 0; i < n; ) {
            if (i == lineStart) {
                int lineEnd = lower.indexOf('\n', i);
                footer = footerLine(lower.substring(i, lineEnd < 0 ? n : lineEnd));
            }
            char c = lower.charAt(i);
            if (c == '\n') {
                lineStart = ++i;
                continue;
            }
            if (separator(c)) {
                i++;
                continue;
            }
            int from = i;
            while (i < n && !separator(lower.charAt(i))) i++;
            String token = lower.substring(from, i);
            int hostStart = token.startsWith("https://") ? 8 : token.startsWith("http://") ? 7 : 0;
            boolean explicit = hostStart > 0 || token.startsWith("www.");
            int slash = token.indexOf('/', hostStart);
            String host = token.substring(hostStart, slash < 0 ? token.length() : slash);
            if (host.startsWith("www.")) host = host.substring(4);
            boolean shortener = (explicit || slash > 0) && SHORTENERS.contains(host);
            if (shortener && shortLink == null) shortLink = token;
            if (explicit || shortener || bareDomain(host)) {
                if (!footer) links++;
            } else if (hasLetter(token)) {
                words++;
            }
        }
        if (shortLink != null) found.put("url_shortener", "\"" + shortLink + "\"");
        if (links >= 2 && words < links * WORDS_PER_LINK)
            found.put("link_density", links + " links in " + words + " words (more than one per " + WORDS_PER_LINK + ")");
    }

    /**
     * A bare domain such as "cheap-rx-store.biz" or "luckystar-casino.bet/x": host characters, a dot and a
     * common top-level domain. A fixed TLD list, because texts often skip the space after a full stop
     * ("urgent.but") and such words must not count as links.
     */
    private static boolean bareDomain(String host) {
        int dot = host.lastIndexOf('.');
        if (dot < 2 || dot == host.length() - 1 || host.contains("..")) return false;
        if (!TLDS.contains(host.substring(dot + 1))) return false;
        for (int i = 0; i < dot; i++) {
            char ch = host.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '-' || ch == '.')) return false;
        }
        return true;
    }

    private static final Set<String> TLDS = Set.of("com", "net", "org", "info", "biz", "co", "uk", "io", "us", "ru", "cn", "top", "win",
            "bet", "xyz", "me", "tv", "ly", "de", "ca", "au", "in", "es", "mx", "online", "site", "club", "shop", "store", "app", "link", "click");

    private static boolean hasLetter(String token) {
        for (int i = 0; i < token.length(); i++) if (Character.isLetter(token.charAt(i))) return true;
        return false;
    }

    private static boolean separator(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '(' || c == ')';
    }

    /**
     * Capitalised words (2+ letters, not an acronym) making up at least {@link #SHOUTING_PERCENT}% of
     * the words, and at least 3 of them. In an email, a short all-capital line without '!' is a heading
     * ("IN THIS ISSUE", "STORE HOURS") and does not count, nor do footer lines. A char scan: no regex.
     */
    private static void shouting(String text, SpamScorer.Channel channel, Map<String, String> found) {
        int words = 0, caps = 0;
        StringBuilder examples = new StringBuilder();
        String[] lines = text.split("\n");
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l];
            // an email's first line is its subject, never a heading
            if (channel == SpamScorer.Channel.EMAIL && l > 0 && (heading(line) || footerLine(line.toLowerCase(Locale.ROOT)))) continue;
            int n = line.length();
            for (int i = 0; i < n; ) {
                if (!Character.isLetter(line.charAt(i))) {
                    i++;
                    continue;
                }
                int from = i;
                boolean hasUpper = false, hasLower = false;
                while (i < n && (Character.isLetter(line.charAt(i)) || line.charAt(i) == '\'' || line.charAt(i) == '’')) {
                    char c = line.charAt(i++);
                    if (Character.isUpperCase(c)) hasUpper = true;
                    else if (Character.isLowerCase(c)) hasLower = true;
                }
                if (i - from < 2) continue;
                // a word glued to digits or a dot/slash is a code or a link ("SPRING20", "bit.ly/X"), not a word
                if (i < n && (Character.isDigit(line.charAt(i)) || line.charAt(i) == '/' || line.charAt(i) == '.' && i + 1 < n && Character.isLetter(line.charAt(i + 1))))
                    continue;
                words++;
                if (!hasUpper || hasLower) continue;
                String w = line.substring(from, i); // only a word in capitals is looked up (and maybe quoted)
                if (!ACRONYMS.contains(w)) {
                    caps++;
                    if (caps <= 3) examples.append(examples.length() == 0 ? "" : " ").append(w);
                }
            }
        }
        if (caps >= 3 && caps * 100 >= words * SHOUTING_PERCENT)
            found.put("shouting", caps + " of " + words + " words in capitals, e.g. " + examples);
    }

    /** A short all-capital line without '!' or '$': a newsletter's section heading. */
    private static boolean heading(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.length() > 40 || s.indexOf('!') >= 0 || s.indexOf('$') >= 0) return false;
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLowerCase(c)) return false;
            if (Character.isLetter(c)) letter = true;
        }
        return letter && s.split("\\s+").length <= 5;
    }
}
