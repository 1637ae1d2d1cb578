package dev.rehearsal.engine.reading;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Business verticals the offline engine knows how to talk about, each with the words that give it
 * away (English and Spanish). The workflow setting {@code vertical} names one by its wire name;
 * otherwise {@link MessageReader} infers it from the sender name and the messages.
 */
public enum Vertical {
    FITNESS("gym|fitness|workout|workouts|membership|personal trainer|trainer|yoga|pilates|crossfit|spin class|bootcamp|gimnasio|entrenamiento|entrenador|clase de yoga"),
    DENTAL("dental|dentist|dentistry|dentista|teeth|tooth|cleaning|whitening|hygienist|orthodont\\w*|invisalign|smile|cavity|crown|limpieza dental|dientes|odont\\w*"),
    MEDICAL("clinic|doctor|dr\\.|physician|patient|check-?up|physical exam|vaccine|vaccination|flu shot|lab results|physical therapy|physio\\w*|physiotherap\\w*|therapists?|pediatric\\w*|telehealth|cl[ií]nica|m[eé]dico|paciente|vacuna|chequeo"),
    SAAS("software|platform|app|api|integrations?|dashboard|crm|workspace|onboarding|saas|seats?|sso|webhooks?|sandbox|free trial|log ?in|plataforma|integraci[oó]n"),
    RETAIL("shop|store|boutique|bikes?|e-bikes?|cycles|order|cart|shipping|collection|new arrivals|sizes?|checkout|in-store|tienda|pedido|env[ií]o|colecci[oó]n|rebajas"),
    REAL_ESTATE("real estate|listing|listings|open house|mortgage|property|properties|realtor|home buyers?|sellers?|bedrooms?|square feet|sq ?ft|inmueble|propiedad|hipoteca|casa en venta"),
    HOME_SERVICES("roof|roofs|roofing|roofer|shingles?|hail|storm damage|plumb\\w*|hvac|furnace|air condition\\w*|gutters?|inspection|contractor|remodel\\w*|lawn|landscap\\w*|pest control|electrician|techo|plomer\\w*|inspecci[oó]n|jard[ií]n"),
    BEAUTY("salon|haircut|hair|stylist|spa|facial|nails?|manicure|pedicure|lashes|massage|peluquer\\w*|sal[oó]n de belleza|u[ñn]as|masaje"),
    RESTAURANT("restaurant|table for|book a table|reservation|menu|dessert|tacos|margaritas?|dining|dined|your meal|dinner|brunch|lunch|chef|tasting|happy hour|restaurante|cena|reserva de mesa|men[uú]"),
    AUTO("car|vehicle|oil change|test drive|dealership|tires?|brakes|auto shop|mechanic|coche|veh[ií]culo|taller|cambio de aceite"),
    EDUCATION("course|enroll\\w*|tuition|lesson|lessons|tutor\\w*|semester|students?|curso|clases particulares|inscripci[oó]n|matr[ií]cula"),
    LEGAL("law|lawyer|attorney|law firm|legal|estate plan\\w*|wills|living will|trusts|injury lawyer|personal injury|custody|divorce|lawsuit|case review|abogad\\w*|bufete|testamento|divorcio"),
    FINANCE("financial|finances|tax|taxes|tax return|accountant|cpa|retirement|401\\(?k\\)?|ira|portfolio|investments?|advisor|wealth|mortgage broker|bookkeeping|impuestos|jubilaci[oó]n|asesor financiero|inversi[oó]n"),
    GENERAL("");

    private final Pattern words;

    Vertical(String words) {
        this.words = words.isEmpty() ? null : Pattern.compile("\\b(?:" + words + ")\\b");
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The vertical of a workflow's {@code vertical} setting; empty when unknown. */
    public static Optional<Vertical> fromWire(String s) {
        if (s == null) return Optional.empty();
        for (Vertical v : values()) if (v.wire().equals(s.trim().toLowerCase(Locale.ROOT))) return Optional.of(v);
        return Optional.empty();
    }

    public static List<String> wireNames() {
        return java.util.Arrays.stream(values()).map(Vertical::wire).toList();
    }

    /** How many of this vertical's words a lower-cased text contains. */
    int hits(String lower) {
        return words == null ? 0 : (int) words.matcher(lower).results().count();
    }
}
