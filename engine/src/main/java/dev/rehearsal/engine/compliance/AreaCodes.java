package dev.rehearsal.engine.compliance;

import java.util.HashMap;
import java.util.Map;

/**
 * North American area codes of the states with stricter calling hours (NANPA assignments), to find
 * the state a phone number may be in when the contact record's state is missing or disagrees.
 * Numbers port, so an area code is only a "plausible" state, never the answer.
 */
final class AreaCodes {
    private static final Map<String, String> STATE = new HashMap<>();

    static {
        put("AL", "205 251 256 334 659 938");
        put("CT", "203 475 860 959");
        put("FL", "239 305 321 324 352 386 407 448 561 645 656 689 727 728 754 772 786 813 850 863 904 941 954");
        put("KY", "270 364 502 606 859");
        put("LA", "225 318 337 504 985");
        put("MA", "339 351 413 508 617 774 781 857 978");
        put("MD", "227 240 301 410 443 667");
        put("MI", "231 248 269 313 517 586 616 679 734 810 906 947 989");
        put("MN", "218 320 507 612 651 763 952");
        put("MS", "228 601 662 769");
        put("NJ", "201 551 609 640 732 848 856 862 908 973");
        put("NM", "505 575");
        put("NV", "702 725 775");
        put("OK", "405 539 572 580 918");
        put("TX", "210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 915 936 940 945 956 972 979");
        put("WA", "206 253 360 425 509 564");
    }

    private AreaCodes() {
    }

    private static void put(String state, String codes) {
        for (String c : codes.split(" ")) STATE.put(c, state);
    }

    /** The state of a US number's area code when it is one of the stricter states, else null. */
    static String state(String phone) {
        if (phone == null) return null;
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() == 11 && digits.startsWith("1")) digits = digits.substring(1);
        if (digits.length() != 10) return null;
        return STATE.get(digits.substring(0, 3));
    }
}
