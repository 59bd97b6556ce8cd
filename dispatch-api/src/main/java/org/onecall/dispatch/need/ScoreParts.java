package org.onecall.dispatch.need;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.onecall.events.EventJson;
import org.onecall.events.MatchEvents.ScoreCodes;
import org.onecall.events.MatchEvents.ScorePart;

/** A proposal's score parts: stored as JSON, and said in words for the need's history. */
final class ScoreParts {

    private static final TypeReference<List<ScorePart>> LIST = new TypeReference<>() {
    };

    private ScoreParts() {
    }

    static String write(List<ScorePart> parts) {
        try {
            return EventJson.MAPPER.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ScorePart> read(String json) {
        try {
            return EventJson.MAPPER.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("offer_score.parts is not a list of score parts", e);
        }
    }

    /** "walk 320 m, 2 jobs this week, helped this household before, speaks 上海话" (pages translate the codes). */
    static String words(List<ScorePart> parts) {
        return parts.stream().map(ScoreParts::word).collect(Collectors.joining(", "));
    }

    private static String word(ScorePart p) {
        long n = Math.round(p.value());
        return switch (p.code()) {
            case ScoreCodes.WALK -> "walk " + n + " m";
            case ScoreCodes.BEYOND_CIRCLE -> n + " m beyond the 15-minute circle";
            case ScoreCodes.JOBS_THIS_WEEK -> n + (n == 1 ? " job" : " jobs") + " this week";
            case ScoreCodes.ACTIVE_JOBS -> n + " job" + (n == 1 ? "" : "s") + " in hand";
            case ScoreCodes.HELPED_BEFORE -> "helped this household before";
            case ScoreCodes.PREFERRED -> "asked for by name";
            case ScoreCodes.SAME_CALL -> "does another need of the same call";
            case ScoreCodes.LANGUAGE -> "speaks " + p.detail();
            case ScoreCodes.KIND -> "is a " + p.detail();
            case ScoreCodes.RATING -> String.format(Locale.ROOT, "rated %.1f", p.value());
            default -> p.code() + " " + p.value();
        };
    }
}
