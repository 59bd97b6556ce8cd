package org.onecall.dispatch.need;

/** Why a need cannot be recorded as given: the form's field path and the reason in words. */
record FieldProblem(String field, String reason) {

    FieldProblem under(String prefix) {
        return new FieldProblem(prefix + field, reason);
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
