package org.onecall.dispatch.imports;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * One kind of list a community keeps in a spreadsheet (volunteers, merchants): how its lines are
 * read and checked, and how the checked rows are written. {@link SheetImports} runs the job around it.
 */
interface SheetKind<T> {

    /** For logs and the worker thread's name: "volunteers", "merchants". */
    String name();

    /** A reader for one file of this community, starting from its header line. */
    Reader<T> reader(String communityId, List<String> header);

    /** Writes every row in the caller's transaction ({@link ImportWriter}), reporting how many are done. */
    int write(String communityId, List<T> rows, IntConsumer progress);

    /**
     * One file's reader: the header's problems (missing or repeated columns reject the file on line 1),
     * the headers no column answers to (named in the job's message), and how each line is read, in
     * file order, so checks across lines ("also on line 3") can be made.
     */
    record Reader<T>(List<RowError> headerErrors, List<String> ignored, Function<Sheet.Line, Parsed<T>> lines) {
        static <C extends Enum<C> & Columns.Column, T> Reader<T> of(Columns.Layout<C> layout,
                                                                     Function<Cells<C>, Parsed<T>> read) {
            return new Reader<>(layout.errors(), layout.ignored(), line -> read.apply(new Cells<>(line, layout)));
        }

        Parsed<T> read(Sheet.Line line) {
            return lines.apply(line);
        }
    }

    /** A line's value, or every reason it has none. */
    record Parsed<T>(int line, Optional<T> value, List<RowError> errors) {
        static <T> Parsed<T> of(Cells<?> cells, T value, List<RowError> errors) {
            return new Parsed<>(cells.line().number(), errors.isEmpty() ? Optional.of(value) : Optional.empty(),
                    List.copyOf(errors));
        }
    }
}
