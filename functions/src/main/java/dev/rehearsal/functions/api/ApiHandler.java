package dev.rehearsal.functions.api;

import dev.rehearsal.functions.http.Router;

/**
 * Every API route in one function (the default deployment: one warm container serves the whole
 * API; the per-resource handlers exist for a template that prefers one function per group).
 */
public class ApiHandler extends ApiHandlerBase {
    private final Services services;

    public ApiHandler() {
        this(Services.fromEnvironment());
    }

    public ApiHandler(Services services) {
        this.services = services;
    }

    @Override
    protected Router routes(Router r) {
        return r.include(new PersonasHandler(services).router())
                .include(new WorkflowsHandler(services).router())
                .include(new ImportHandler(services).router())
                .include(new TestsHandler(services).router())
                .include(new SuitesHandler(services).router());
    }
}
