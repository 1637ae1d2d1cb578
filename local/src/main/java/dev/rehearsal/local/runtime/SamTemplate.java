package dev.rehearsal.local.runtime;

import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of {@code template.yaml} the local runtime needs: functions (handler, HttpApi routes,
 * schedules) and state machines (definition file, DefinitionSubstitutions). CloudFormation
 * short-form tags are loaded as their long form ({@code !Ref X} becomes {@code {Ref: X}},
 * {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: A.B}}, any other {@code !Fn} becomes {@code {Fn::Fn: ...}}).
 */
public final class SamTemplate {
    public record Route(String method, String path) {
        public String key() {
            return method + " " + path;
        }
    }

    public record FunctionDef(String logicalId, String handler, List<Route> routes, List<String> schedules) {
        public String handlerClass() {
            int i = handler.indexOf("::");
            return i < 0 ? handler : handler.substring(0, i);
        }
    }

    /** @param substitutions name -> the logical id of the function it names */
    public record StateMachineDef(String logicalId, Path definition, Map<String, String> substitutions,
                                  Map<String, Object> rawSubstitutions) {
    }

    private final Path file;
    private final Map<String, Object> root;
    private final Map<String, FunctionDef> functions = new LinkedHashMap<>();
    private final Map<String, StateMachineDef> stateMachines = new LinkedHashMap<>();
    private final Map<String, List<String>> routeScopes = new LinkedHashMap<>();

    private SamTemplate(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
        parse();
    }

    public static SamTemplate load(Path file) {
        try {
            return parse(file, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static SamTemplate parse(Path file, String yaml) {
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
        Load load = new Load(settings, new CfnConstructor(settings));
        return new SamTemplate(file.toAbsolutePath(), (Map<String, Object>) load.loadFromString(yaml));
    }

    public Map<String, Object> root() {
        return root;
    }

    public Map<String, FunctionDef> functions() {
        return functions;
    }

    public Map<String, StateMachineDef> stateMachines() {
        return stateMachines;
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    /** The AuthorizationScopes each HttpApi route declares, "METHOD /path" -> scopes (absent: none required). */
    /** The template file (absolute). */
    public Path file() {
        return file;
    }

    public Map<String, List<String>> routeScopes() {
        return routeScopes;
    }

    /** Every HttpApi route of every function, "METHOD /path" -> function. */
    public Map<String, FunctionDef> routes() {
        Map<String, FunctionDef> out = new LinkedHashMap<>();
        for (FunctionDef f : functions.values()) for (Route r : f.routes()) out.put(r.key(), f);
        return out;
    }

    private void parse() {
        for (Map.Entry<String, Object> e : resources().entrySet()) {
            Map<String, Object> res = map(e.getValue());
            Map<String, Object> props = map(res.get("Properties"));
            String type = String.valueOf(res.get("Type"));
            if (type.equals("AWS::Serverless::Function")) {
                List<Route> routes = new ArrayList<>();
                List<String> schedules = new ArrayList<>();
                for (Map.Entry<String, Object> ev : map(props.get("Events")).entrySet()) {
                    Map<String, Object> evm = map(ev.getValue());
                    Map<String, Object> ep = map(evm.get("Properties"));
                    String et = String.valueOf(evm.get("Type"));
                    if (et.equals("HttpApi")) {
                        Route route = new Route(String.valueOf(ep.get("Method")).toUpperCase(java.util.Locale.ROOT),
                                String.valueOf(ep.get("Path")));
                        routes.add(route);
                        Object scopes = map(ep.get("Auth")).get("AuthorizationScopes");
                        if (scopes instanceof List<?> l && !l.isEmpty()) {
                            routeScopes.put(route.key(), l.stream().map(String::valueOf).toList());
                        }
                    } else if (et.equals("ScheduleV2") || et.equals("Schedule")) {
                        schedules.add(ev.getKey());
                    }
                }
                Object handler = props.get("Handler");
                if (handler == null) handler = map(map(root.get("Globals")).get("Function")).get("Handler");
                functions.put(e.getKey(), new FunctionDef(e.getKey(), String.valueOf(handler), routes, schedules));
            } else if (type.equals("AWS::Serverless::StateMachine")) {
                Map<String, String> subs = new LinkedHashMap<>();
                Map<String, Object> raw = map(props.get("DefinitionSubstitutions"));
                for (Map.Entry<String, Object> s : raw.entrySet()) subs.put(s.getKey(), functionOf(s.getValue()));
                Path def = file.getParent().resolve(String.valueOf(props.get("DefinitionUri")));
                stateMachines.put(e.getKey(), new StateMachineDef(e.getKey(), def, subs, raw));
            }
        }
    }

    /** The logical id a substitution names: {@code !Ref F}, {@code !Ref F.Alias}, {@code !GetAtt F.Arn}; else null. */
    static String functionOf(Object value) {
        Map<String, Object> m = map(value);
        Object ref = m.get("Ref");
        if (ref == null) ref = m.get("Fn::GetAtt");
        if (ref instanceof List<?> l && !l.isEmpty()) ref = l.get(0);
        if (ref == null) return null;
        String s = String.valueOf(ref);
        return s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Loads CloudFormation's short-form intrinsic tags as one-key maps. */
    static final class CfnConstructor extends StandardConstructor {
        CfnConstructor(LoadSettings settings) {
            super(settings);
        }

        @Override
        protected Optional<ConstructNode> findConstructorFor(Node node) {
            String tag = node.getTag().getValue();
            if (tag.startsWith("!")) {
                String name = tag.substring(1);
                String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                return Optional.of(new ConstructNode() {
                    @Override
                    public Object construct(Node n) {
                        Object v;
                        if (n instanceof ScalarNode s) v = constructScalar(s);
                        else if (n instanceof SequenceNode s) v = constructSequence(s);
                        else v = constructMapping((MappingNode) n);
                        return Map.of(key, v);
                    }
                });
            }
            return super.findConstructorFor(node);
        }
    }
}
