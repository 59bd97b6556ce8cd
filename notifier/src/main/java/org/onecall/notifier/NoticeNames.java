package org.onecall.notifier;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.onecall.events.Category;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People and needs by name in staff notices: events carry ids only, and a coordinator reading "志愿者 #17"
 * must look them up. Asked of dispatch-api when a notice is written; when it cannot answer, the notice
 * keeps the ids rather than wait (a notice late is worse than a notice with a number in it).
 */
@Singleton
class NoticeNames {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeNames.class);

    private final DispatchDirectory directory;

    NoticeNames(DispatchDirectory directory) {
        this.directory = directory;
    }

    Named of(@Nullable Long needId, @Nullable Long volunteerId, @Nullable Long householdId) {
        try {
            DispatchDirectory.Names n = directory.names(needId, volunteerId, householdId);
            return new Named(needId, n.needHousehold(), n.needCategory(), volunteerId, n.volunteer(), householdId,
                    n.household());
        } catch (RuntimeException e) {
            LOG.warn("names for a staff notice could not be read ({}); the notice names ids", e.toString());
            return new Named(needId, null, null, volunteerId, null, householdId, null);
        }
    }

    /** Each part in Chinese and English, by name where known, with the id kept for finding it. */
    record Named(@Nullable Long needId, @Nullable String needHousehold, @Nullable String needCategory,
                 @Nullable Long volunteerId, @Nullable String volunteerName, @Nullable Long householdId,
                 @Nullable String householdName) {

        String needZh() {
            return needHousehold == null ? "需求 #" + needId
                    : "需求「" + needHousehold + " · " + category(true) + "」(#" + needId + ")";
        }

        String needEn() {
            return needHousehold == null ? "Need #" + needId
                    : "Need “" + needHousehold + " · " + category(false) + "” (#" + needId + ")";
        }

        String volunteerZh() {
            return volunteerName == null ? "志愿者 #" + volunteerId : "志愿者" + volunteerName;
        }

        String volunteerEn() {
            return volunteerName == null ? "volunteer #" + volunteerId : "volunteer " + volunteerName;
        }

        String householdZh() {
            return householdName == null ? "住户 #" + householdId : householdName;
        }

        String householdEn() {
            return householdName == null ? "household #" + householdId : householdName;
        }

        private String category(boolean zh) {
            try {
                Category c = Category.valueOf(needCategory);
                return zh ? c.zh() : c.en();
            } catch (IllegalArgumentException | NullPointerException e) {
                return zh ? "服务" : "service";
            }
        }
    }
}
