package dev.rehearsal.store;

import java.util.List;
import java.util.function.Function;

/** One page of a query; {@code nextToken} is null on the last page. */
public record Page<T>(List<T> items, String nextToken) {
    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), nextToken);
    }
}
