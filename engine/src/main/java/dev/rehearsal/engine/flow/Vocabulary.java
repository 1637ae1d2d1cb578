package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The tags add_tag steps set and the fields update_contact steps fill, numbered for bit sets. */
final class Vocabulary {
    final List<String> tags = new ArrayList<>();
    final List<String> fields = new ArrayList<>();
    private final Map<String, Integer> tagIndex = new HashMap<>();
    private final Map<String, Integer> fieldIndex = new HashMap<>();

    Vocabulary(Workflow w) {
        for (Step s : w.steps()) {
            if (s.type() == StepType.ADD_TAG && s.text("tag") != null) add(s.text("tag"), tags, tagIndex);
            if (s.type() == StepType.UPDATE_CONTACT) {
                for (Iterator<String> it = s.config().path("fields").fieldNames(); it.hasNext(); ) {
                    add(bare(it.next()), fields, fieldIndex);
                }
            }
        }
    }

    static String bare(String field) {
        return field.startsWith("contact.") ? field.substring("contact.".length()) : field;
    }

    private static void add(String name, List<String> list, Map<String, Integer> index) {
        if (index.putIfAbsent(name, list.size()) == null) list.add(name);
    }

    int tagWords() {
        return (tags.size() + 63) >> 6;
    }

    int fieldWords() {
        return (fields.size() + 63) >> 6;
    }

    int tag(String name) {
        return tagIndex.getOrDefault(name, -1);
    }

    int field(String name) {
        return fieldIndex.getOrDefault(bare(name), -1);
    }
}
