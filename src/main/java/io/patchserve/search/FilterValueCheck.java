package io.patchserve.search;

import io.patchserve.error.ApiException;
import io.patchserve.search.cql2.Expr;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a filter that compares a property whose values are known ({@link KnownValues}) with a text that is not
 * one of them: {@code split = 'training'} or {@code A_CONTAINS(labels_19, ('Inland water'))} can only be typos,
 * and answering them with 0 results would hide that. Only equality, IN and the array functions are checked;
 * {@code <>}, LIKE and comparisons keep their meaning for any value.
 */
final class FilterValueCheck {

    private final Map<String, Set<String>> known;

    FilterValueCheck(Map<String, Set<String>> known) {
        this.known = known;
    }

    void check(Expr expr) {
        switch (expr) {
            case Expr.And and -> and.args().forEach(this::check);
            case Expr.Or or -> or.args().forEach(this::check);
            case Expr.Not not -> check(not.arg());
            case Expr.Compare c when c.op().equals("=") -> {
                values(c.left(), List.of(c.right()));
                values(c.right(), List.of(c.left()));
            }
            case Expr.In in -> values(in.value(), in.list());
            case Expr.ArrayOp a -> {
                if (a.right() instanceof Expr.ArrayLiteral list) {
                    values(a.left(), list.items());
                }
                if (a.left() instanceof Expr.ArrayLiteral list) {
                    values(a.right(), list.items());
                }
            }
            default -> {
            }
        }
    }

    private void values(Expr side, List<Expr> literals) {
        if (!(side instanceof Expr.Property p)) {
            return;
        }
        String name = p.name().startsWith("properties.") ? p.name().substring("properties.".length()) : p.name();
        Set<String> allowed = known.get(name);
        if (allowed == null) {
            return;
        }
        for (Expr literal : literals) {
            if (literal instanceof Expr.Text t && !allowed.contains(t.value())) {
                throw ApiException.badRequest("filter: " + name + " is never '" + t.value() + "' here; its values are "
                        + allowed + " (see the queryables)");
            }
        }
    }
}
