package dev.rehearsal.engine.compliance;

import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The state calling-hours table (docs/VALIDATION.md lists the sources and the date they were read).
 * Only states stricter than the federal window are here; holidays are not modelled.
 */
public final class StateRules {
    private static final String GUIDE = "Drop Cowboy state calling restrictions guide, updated 2025-11-01";
    private static final String FREQUENCY = "ClickPoint state telemarketing rules, reviewed 2025-07";
    private static final LocalTime H8 = LocalTime.of(8, 0), H9 = LocalTime.of(9, 0), H10 = LocalTime.of(10, 0),
            H12 = LocalTime.of(12, 0), H20 = LocalTime.of(20, 0), H21 = LocalTime.of(21, 0);
    private static final String NY = "America/New_York", CHI = "America/Chicago", DEN = "America/Denver", LA = "America/Los_Angeles";

    public static final List<StateRule> ALL = List.of(
            every("AL", "Alabama", H8, H20, false, List.of(CHI), null, GUIDE),
            every("CT", "Connecticut", H9, H20, true, List.of(NY), null, GUIDE + "; Conn. Gen. Stat. § 42-288a"),
            every("FL", "Florida", H8, H20, true, List.of(NY, CHI), 3,
                    GUIDE + "; Fla. Stat. § 501.059(8)(a) (FTSA, SB 1120 of 2021); 3 per 24 h: Fla. Stat. § 501.616(6)(b), " + FREQUENCY),
            every("KY", "Kentucky", H10, H21, true, List.of(NY, CHI), null, GUIDE),
            every("LA", "Louisiana", H8, H20, false, List.of(CHI), null, GUIDE),
            every("MA", "Massachusetts", H8, H20, true, List.of(NY), null, GUIDE),
            every("MD", "Maryland", H8, H20, true, List.of(NY), 3, GUIDE + "; Maryland Stop the Spam Calls Act (2023); 3 per 24 h: " + FREQUENCY),
            every("MI", "Michigan", H9, H21, true, List.of(NY, CHI), null, GUIDE),
            every("MN", "Minnesota", H9, H21, true, List.of(CHI), null, GUIDE),
            every("MS", "Mississippi", H8, H20, false, List.of(CHI), null, GUIDE),
            every("NJ", "New Jersey", H8, H21, true, List.of(NY), null, "N.J.S.A. 56:8-130 (same hours as federal; listed for completeness)"),
            every("NM", "New Mexico", H9, H21, true, List.of(DEN), null, GUIDE),
            every("NV", "Nevada", H9, H20, true, List.of(LA), null, GUIDE),
            every("OK", "Oklahoma", H8, H20, true, List.of(CHI), 3, GUIDE + "; Okla. Stat. tit. 15, § 775C.4 (2022); 3 per 24 h: " + FREQUENCY),
            new StateRule("TX", "Texas", H9, H21, H9, H21, H12, H21, List.of(CHI, DEN), null,
                    GUIDE + "; Tex. Bus. & Com. Code § 301.051"),
            every("WA", "Washington", H8, H20, true, List.of(LA), null, GUIDE + "; RCW 80.36.390"));

    private static final Map<String, StateRule> BY_CODE = new HashMap<>();
    private static final Map<String, String> STATE_NAMES = new HashMap<>();

    static {
        for (StateRule r : ALL) {
            BY_CODE.put(r.code(), r);
            STATE_NAMES.put(r.name().toLowerCase(Locale.ROOT), r.code());
        }
    }

    private StateRules() {
    }

    private static StateRule every(String code, String name, LocalTime from, LocalTime to, boolean sunday, List<String> zones,
                                   Integer cap, String source) {
        return new StateRule(code, name, from, to, from, to, sunday ? from : null, sunday ? to : null, zones, cap, source);
    }

    /** The rule for a state code ("FL") or name ("Florida"), or null when the state is not stricter than federal. */
    public static StateRule of(String state) {
        if (state == null) return null;
        String s = state.trim();
        StateRule r = BY_CODE.get(s.toUpperCase(Locale.ROOT));
        if (r != null) return r;
        String code = STATE_NAMES.get(s.toLowerCase(Locale.ROOT));
        return code == null ? null : BY_CODE.get(code);
    }

    /** A state code or name normalised to its code where we know it, else upper-cased as given. */
    static String code(String state) {
        StateRule r = of(state);
        return r != null ? r.code() : state.trim().toUpperCase(Locale.ROOT);
    }
}
