package org.onecall.dispatch.volunteer;

import java.util.Map;
import java.util.Optional;

/** Who the volunteer is, as the community counts them (the steward ratio is per kind). */
public enum VolunteerKind {
    /** 在职党员: registered with the community where they live (在职党员报到). */
    IN_SERVICE_MEMBER("在职党员"),
    /** 离退休党员. */
    RETIRED_MEMBER("离退休党员"),
    /** 邻里管家 / 小巷管家 and community workers: the "1" of the grid ratio. */
    STEWARD("邻里管家"),
    /** 居民志愿者. */
    RESIDENT("居民");

    private static final Map<String, VolunteerKind> ALIASES = Map.ofEntries(
            Map.entry("在职党员", IN_SERVICE_MEMBER), Map.entry("在职", IN_SERVICE_MEMBER),
            Map.entry("离退休党员", RETIRED_MEMBER), Map.entry("退休党员", RETIRED_MEMBER),
            Map.entry("离退休", RETIRED_MEMBER), Map.entry("老党员", RETIRED_MEMBER),
            Map.entry("邻里管家", STEWARD), Map.entry("小巷管家", STEWARD), Map.entry("管家", STEWARD),
            Map.entry("社区工作者", STEWARD), Map.entry("社工", STEWARD),
            Map.entry("居民", RESIDENT), Map.entry("居民志愿者", RESIDENT), Map.entry("群众", RESIDENT));

    private final String zh;

    VolunteerKind(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    /** The spreadsheet's word for a kind (Chinese or the enum name). */
    public static Optional<VolunteerKind> parse(String text) {
        String t = text.strip();
        for (VolunteerKind k : values()) {
            if (k.name().equalsIgnoreCase(t)) {
                return Optional.of(k);
            }
        }
        return Optional.ofNullable(ALIASES.get(t));
    }
}
