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
        String js;
        try (InputStream in = getClass().getResourceAsStream("/public/console/js/columns.js")) {
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String volunteers = js.substring(js.indexOf("volunteers: ["), js.indexOf("],\n};"));
        Map<String, String> page = new LinkedHashMap<>();
        Matcher m = Pattern.compile("header: '([^']+)', aliases: \\[([^\\]]*)], required: (true|false)").matcher(volunteers);
        while (m.find()) {
            page.put(m.group(1), m.group(3) + " " + m.group(2).replace("'", "").replace(" ", ""));
        }
        Map<String, String> importer = new LinkedHashMap<>();
        for (VolunteerColumns c : VolunteerColumns.values()) {
            importer.put(c.header(), c.required + " " + String.join(",", c.headers.subList(1, c.headers.size())));
        }
        assertEquals(importer, page);
    }
}
