package dev.rehearsal.local.cli;

import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.report.TransitionStatus;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.Simulator;
import dev.rehearsal.engine.workflow.DeclaredFields;
import dev.rehearsal.engine.workflow.MergeFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A contact sample (a CRM export: CSV with a header row) as the population of a dry run: each row is
 * a contact with its real fields, time zone and state, walked once with a built-in persona's behaviour
 * (the personas in turn). The summary counts contacts per branch, messages with a merge field the
 * contact has no value for, unsolicited texts in quiet hours and messages over a frequency cap.
 */
final class ContactSample {
    static final int MAX_CONTACTS = 1000;
    /** CRM export headers for the fields the engine reads, lower-cased with spaces as underscores. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("firstname", "first_name"), Map.entry("first", "first_name"), Map.entry("given_name", "first_name"),
            Map.entry("lastname", "last_name"), Map.entry("last", "last_name"), Map.entry("surname", "last_name"),
            Map.entry("email_address", "email"), Map.entry("e_mail", "email"),
            Map.entry("phone_number", "phone"), Map.entry("mobile", "phone"), Map.entry("mobile_phone", "phone"),
            Map.entry("time_zone", "timezone"), Map.entry("tz", "timezone"), Map.entry("province", "state"),
            Map.entry("company_name", "company"));

    record Row(long line, Map<String, String> fields) {
    }

    private ContactSample() {
    }

    static List<Row> read(Path file) {
        String where = file.toString();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                     .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get().parse(in)) {
            List<String> header = csv.getHeaderNames().stream().map(ContactSample::fieldName).toList();
            if (header.isEmpty() || header.stream().allMatch(String::isEmpty)) throw bad(where, 1, 1, "no header row");
            Set<String> seen = new TreeSet<>();
            for (int c = 0; c < header.size(); c++) {
                if (header.get(c).isEmpty()) throw bad(where, 1, c + 1, "column " + (c + 1) + " has no name");
                if (!seen.add(header.get(c))) throw bad(where, 1, c + 1, "column '" + header.get(c) + "' appears twice");
            }
            int tz = header.indexOf("timezone");
            List<Row> rows = new ArrayList<>();
            Iterator<CSVRecord> it = csv.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) break;
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw bad(where, csv.getCurrentLineNumber(), 1, "malformed CSV: " + e.getMessage());
                }
                long line = csv.getCurrentLineNumber();
                if (r.size() != header.size()) {
                    throw bad(where, line, Math.min(r.size(), header.size()) + 1, r.size() + " value(s) where the header has "
                            + header.size());
                }
                if (rows.size() == MAX_CONTACTS) throw bad(where, line, 1, "more than " + MAX_CONTACTS + " contacts; sample them");
                Map<String, String> fields = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) if (!r.get(c).isEmpty()) fields.put(header.get(c), r.get(c));
                if (tz >= 0 && fields.containsKey("timezone")) {
                    try {
                        ZoneId.of(fields.get("timezone"));
                    } catch (DateTimeException e) {
                        throw bad(where, line, tz + 1, "'" + fields.get("timezone") + "' is not an IANA time zone (e.g. America/Chicago)");
                    }
                }
                rows.add(new Row(line, fields));
            }
            if (rows.isEmpty()) throw bad(where, 2, 1, "no contacts after the header row");
            return rows;
        } catch (IOException | UncheckedIOException e) {
            throw bad(where, 1, 1, "cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) { // a header commons-csv refuses (duplicate or missing names)
            throw bad(where, 1, 1, e.getMessage());
        }
    }

    private static InvalidInputException bad(String file, long line, int column, String message) {
        return new InvalidInputException(file, List.of(new Problem("", (int) line, column, "invalid_contacts", message)));
    }

    static String fieldName(String header) {
        String f = header.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (f.startsWith("contact_")) f = f.substring(8);
        return ALIASES.getOrDefault(f, f);
    }

    /** One persona per row: the row's fields as its contact record, behaving like the behaviours in turn. */
    static List<Persona> personas(List<Row> rows, List<Persona> behaviours) {
        List<Persona> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Persona b = behaviours.get(i % behaviours.size());
            String name = (r.fields().getOrDefault("first_name", "") + " " + r.fields().getOrDefault("last_name", "")).strip();
            out.add(new Persona("contact-line-" + r.line(), name.isEmpty() ? "Contact on line " + r.line() : name,
                    "Line " + r.line() + " of the contact sample, behaving like " + b.name(), b.personality(), b.demographics(),
                    b.behaviorTraits(), r.fields(), false));
        }
        return out;
    }

    /** The dry run's population figures, in words. */
    static String summary(Workflow wf, Report report, List<Row> rows, List<Persona> people, Path file) {
        Map<String, Long> lineOf = new HashMap<>();
        for (int i = 0; i < people.size(); i++) lineOf.put(people.get(i).id(), rows.get(i).line());
        StringBuilder b = new StringBuilder("Contact sample: " + rows.size() + " contact(s) from " + file
                + ", each walked once with a built-in persona's behaviour (in turn).\n");
        b.append("  Contacts per branch:\n");
        for (TransitionStatus t : report.coverage().statuses()) {
            Step s = wf.step(t.transition().substring(0, t.transition().indexOf(" -[")));
            if (s == null || s.transitions().size() < 2) continue;
            int n = t.status() == TransitionStatus.Status.COVERED && t.walks() != null ? t.walks() : 0;
            b.append("    ").append(t.transition()).append(": ").append(n).append('\n');
        }
        Set<String> filled = new TreeSet<>(DeclaredFields.setByRun(wf));
        filled.addAll(DeclaredFields.inputs(wf).keySet());
        for (Step s : wf.steps()) {
            if (s.type() == StepType.UPDATE_CONTACT) s.config().path("fields").fieldNames().forEachRemaining(f ->
                    filled.add(f.startsWith("contact.") ? f.substring(8) : f));
        }
        Map<String, Set<Long>> missing = new TreeMap<>();
        Map<String, Set<Long>> flagged = new TreeMap<>();
        for (Report.PersonaResult p : report.personas()) {
            Long line = lineOf.get(p.id());
            if (line == null || p.transcript() == null) continue;
            Persona person = people.get(rows.indexOf(rows.stream().filter(r -> r.line() == line).findFirst().orElseThrow()));
            for (Interaction i : p.transcript()) {
                for (String f : i.flags() == null ? List.<String>of() : i.flags()) flagged.computeIfAbsent(f, k -> new TreeSet<>()).add(line);
                Step s = wf.step(i.stepId());
                if (i.message() == null || s == null) continue;
                for (String part : List.of("body", "subject")) {
                    for (MergeFields.Token t : MergeFields.tokens(s.text(part))) {
                        if (t.hasFallback() || !t.field().startsWith("contact.")) continue;
                        String field = t.field().substring(8);
                        if (!filled.contains(field) && person.contact().getOrDefault(field, "").isEmpty()) {
                            missing.computeIfAbsent("{{" + t.field() + "}}", k -> new TreeSet<>()).add(line);
                        }
                    }
                }
            }
        }
        b.append("  Merge fields without a value (and no fallback): ").append(missing.isEmpty() ? "none" : "").append('\n');
        missing.forEach((f, lines) -> b.append("    ").append(f).append(": ").append(lines.size()).append(" contact(s), lines ")
                .append(lines).append('\n'));
        b.append("  Unsolicited texts in quiet hours (to defer): ").append(count(flagged, Simulator.FLAG_QUIET_HOURS)).append('\n');
        b.append("  Over the workflow's frequency cap: ").append(count(flagged, Simulator.FLAG_FREQUENCY))
                .append("; over a state's cap (FL, OK, MD): ").append(count(flagged, Simulator.FLAG_STATE_FREQUENCY)).append('\n');
        return b.toString();
    }

    private static String count(Map<String, Set<Long>> flagged, String flag) {
        Set<Long> lines = flagged.get(flag);
        return lines == null ? "none" : lines.size() + " contact(s), lines " + lines;
    }
}
