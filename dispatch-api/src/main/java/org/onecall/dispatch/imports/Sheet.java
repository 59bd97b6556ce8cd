package org.onecall.dispatch.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/**
 * A spreadsheet as text rows, each with the line number a person sees in Excel or a text editor
 * (the header is line 1). CSV or XLSX (first sheet), told apart by the file's first bytes.
 */
record Sheet(List<String> header, List<Line> lines) {

    record Line(int number, List<String> cells) {
        String cell(int column) {
            return column < cells.size() && cells.get(column) != null ? cells.get(column).strip() : "";
        }

        boolean blank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    /** A file that cannot be read as a sheet at all, and why. */
    static final class Unreadable extends IOException {

        private final Reason reason;

        Unreadable(Reason reason, Throwable cause) {
            super(reason.render(Language.EN), cause);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }

    static Sheet read(byte[] data) throws Unreadable {
        List<Line> all = ReadableWorkbook.isOOXMLZipHeader(data) ? xlsx(data) : csv(text(data));
        if (all.isEmpty()) {
            throw new Unreadable(Reason.of(ReasonCode.FILE_EMPTY), null);
        }
        List<String> header = all.get(0).cells().stream().map(h -> h == null ? "" : h.strip()).toList();
        return new Sheet(header, all.subList(1, all.size()).stream().filter(l -> !l.blank()).toList());
    }

    /** UTF-8 (with or without BOM) as most tools write it; otherwise GB18030, as Excel on Chinese Windows saves CSV. */
    static String text(byte[] data) {
        int start = data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB
                && (data[2] & 0xff) == 0xBF ? 3 : 0;
        ByteBuffer bytes = ByteBuffer.wrap(data, start, data.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return new String(data, start, data.length - start, Charset.forName("GB18030"));
        }
    }

    /** RFC 4180: commas, double quotes around fields that hold commas, quotes ("") or line breaks. */
    static List<Line> csv(String text) throws Unreadable {
        List<Line> lines = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordStart = 1;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || !cell.isEmpty()) {
                    cells.add(cell.toString());
                    lines.add(new Line(recordStart, List.copyOf(cells)));
                }
                cells.clear();
                cell.setLength(0);
                any = false;
                line++;
                recordStart = line;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new Unreadable(Reason.of(ReasonCode.UNCLOSED_QUOTE, "line", recordStart), null);
        }
        if (any || !cell.isEmpty()) {
            cells.add(cell.toString());
            lines.add(new Line(recordStart, List.copyOf(cells)));
        }
        return lines;
    }

    private static List<Line> xlsx(byte[] data) throws Unreadable {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(data),
                new ReadingOptions(true, false));
             Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            List<Line> lines = new ArrayList<>();
            rows.forEach(row -> {
                List<String> cells = new ArrayList<>(row.getCellCount());
                for (int i = 0; i < row.getCellCount(); i++) {
                    cells.add(text(row.getCell(i)));
                }
                lines.add(new Line(row.getRowNum(), cells));
            });
            return lines;
        } catch (IOException | RuntimeException e) {
            // the reader's own words (English) say what is wrong inside the workbook
            throw new Unreadable(Reason.of(ReasonCode.NOT_XLSX, "detail", String.valueOf(e.getMessage())), e);
        }
    }

    /** Dates typed into Excel are numbers with a date format: give them back as YYYY-MM-DD. */
    private static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY) {
            return "";
        }
        String format = cell.getDataFormatString();
        if (cell.getType() == CellType.NUMBER && format != null && format.matches("(?i).*(yy|mm-dd|m/d|d/m|年).*")) {
            return cell.asDate().toLocalDate().toString();
        }
        if (cell.getType() == CellType.NUMBER) {
            return cell.asNumber().stripTrailingZeros().toPlainString();
        }
        return cell.getText();
    }
}
