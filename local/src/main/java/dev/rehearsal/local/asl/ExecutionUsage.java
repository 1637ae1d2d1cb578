package dev.rehearsal.local.asl;

/**
 * Counts of one execution tree (the execution and its Distributed Map children, recursively), read off the
 * recorded histories: what the AWS bill is made of. A state transition is a state entered plus each Retry
 * of a Task (AWS bills both); Standard executions are billed per transition, Express ones per request and
 * duration, so their transitions are counted apart.
 *
 * @param standardExecutions Standard executions (the top one and Standard children)
 * @param expressExecutions  Express child executions (each one billed request)
 * @param standardTransitions billed state transitions of Standard executions
 * @param expressTransitions  state transitions inside Express executions (not billed per transition)
 * @param taskInvocations     Task attempts, i.e. Lambda invocations, retries included
 * @param historyEvents       events recorded over all the histories
 */
public record ExecutionUsage(long standardExecutions, long expressExecutions, long standardTransitions,
                             long expressTransitions, long taskInvocations, long historyEvents) {

    static ExecutionUsage of(Execution e) {
        long entered = 0, taskEntered = 0, invocations = 0;
        var events = e.history().events();
        for (HistoryEvent ev : events) {
            String t = ev.type();
            if (t.endsWith("StateEntered")) {
                entered++;
                if (t.equals("TaskStateEntered")) taskEntered++;
            } else if (t.endsWith("Scheduled")) {
                invocations++;
            }
        }
        long transitions = entered + Math.max(0, invocations - taskEntered);
        ExecutionUsage own = e.express()
                ? new ExecutionUsage(0, 1, 0, transitions, invocations, events.size())
                : new ExecutionUsage(1, 0, transitions, 0, invocations, events.size());
        for (Execution c : e.children()) own = own.plus(of(c));
        return own;
    }

    public ExecutionUsage plus(ExecutionUsage o) {
        return new ExecutionUsage(standardExecutions + o.standardExecutions, expressExecutions + o.expressExecutions,
                standardTransitions + o.standardTransitions, expressTransitions + o.expressTransitions,
                taskInvocations + o.taskInvocations, historyEvents + o.historyEvents);
    }
}
