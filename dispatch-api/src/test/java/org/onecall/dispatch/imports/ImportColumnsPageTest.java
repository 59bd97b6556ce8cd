package org.onecall.dispatch.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The import page's column reference (public/console/js/columns.js) names what the importer reads. */
class ImportColumnsPageTest {

    @Test
    void thePagesVolunteerColumnsAreTheImportersWithTheSameRequiredOnes() throws IOException {
        assertEquals(importer(VolunteerColumns.values()), page("volunteers"));
    }

    @Test
    void thePagesMerchantColumnsAreTheImportersWithTheSameRequiredOnes() throws IOException {
        assertEquals(importer(MerchantColumns.values()), page("merchants"));
    }

    private Map<String, String> page(String kind) throws IOException {
        String js;
        try (InputStream in = getClass().getResourceAsStream("/public/console/js/columns.js")) {
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = js.indexOf(kind + ": [");
        String list = js.substring(start, js.indexOf("\n  ],\n", start));
        Map<String, String> page = new LinkedHashMap<>();
        Matcher m = Pattern.compile("header: '([^']+)', aliases: \\[([^\\]]*)], required: (true|false)").matcher(list);
        while (m.find()) {
            page.put(m.group(1), m.group(3) + " " + m.group(2).replace("'", "").replace(" ", ""));
        }
        return page;
    }

    private static Map<String, String> importer(Columns.Column[] columns) {
        Map<String, String> importer = new LinkedHashMap<>();
        for (Columns.Column c : columns) {
            importer.put(c.header(), c.required() + " " + String.join(",", c.headers().subList(1, c.headers().size())));
        }
        return importer;
    }
}
