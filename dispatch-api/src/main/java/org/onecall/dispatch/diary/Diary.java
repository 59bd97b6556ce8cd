package org.onecall.dispatch.diary;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.onecall.dispatch.household.Households;

/**
 * The case diary (民情日记) of a household: notes people write, merged in time order with every
 * transition of the household's needs and every step of its micro-wishes. Nothing is copied: need_history stays the one record of
 * transitions, so the diary can never disagree with it.
 */
@Singleton
class Diary {

    /** At one instant, entries come in this order (see {@link DiaryCursor}). */
    private static final List<String> SOURCES = List.of("NOTE", "NEED", "WISH");
    private static final Comparator<DiaryEntry> NEWEST_FIRST = Comparator.comparing(DiaryEntry::at).reversed()
            .thenComparing(e -> SOURCES.indexOf(e.source()))
            .thenComparing(Comparator.comparing(Diary::idOf).reversed());

    private final DiaryRepository diary;
    private final Households households;
    private final Clock clock;

    Diary(DiaryRepository diary, Households households, Clock clock) {
        this.diary = diary;
        this.households = households;
        this.clock = clock;
    }

    DiaryEntry write(long householdId, NoteKind kind, String text, String author) {
        households.get(householdId);
        // micros: the cursor of the returned entry must equal the one read back later
        DiaryNote note = diary.save(new DiaryNote(null, householdId, kind, text.strip(), author.strip(),
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
        return entry(note);
    }

    DiaryEntry.Page read(long householdId, String before, int limit) {
        households.get(householdId);
        DiaryCursor cursor = DiaryCursor.parse(before);
        List<DiaryEntry> merged = new ArrayList<>();
        // one more than asked, from each half: then we know whether there is a next page
        diary.notes(householdId, cursor.at(), cursor.maxIdFor(DiaryCursor.NOTE), limit + 1)
                .forEach(n -> merged.add(entry(n)));
        diary.transitions(householdId, cursor.at(), cursor.maxIdFor(DiaryCursor.TRANSITION), limit + 1)
                .forEach(t -> merged.add(entry(t)));
        diary.wishes(householdId, cursor.at(), cursor.maxIdFor(DiaryCursor.WISH), limit + 1)
                .forEach(w -> merged.add(entry(w)));
        merged.sort(NEWEST_FIRST);
        List<DiaryEntry> page = merged.size() > limit ? merged.subList(0, limit) : merged;
        String next = merged.size() > limit ? page.get(page.size() - 1).cursor() : null;
        return new DiaryEntry.Page(householdId, List.copyOf(page), next);
    }

    private static DiaryEntry entry(DiaryNote n) {
        return new DiaryEntry(DiaryCursor.of(n.occurredAt(), DiaryCursor.NOTE, n.id()), n.occurredAt(), "NOTE",
                n.kind().name(), n.text(), n.author(), null, null, null, null, null);
    }

    private static DiaryEntry entry(DiaryRepository.Transition t) {
        String text = "need " + t.needId() + " (" + t.category() + "): "
                + (t.fromStatus() == null ? "" : t.fromStatus() + " → ") + t.toStatus()
                + (t.detail() == null || t.detail().isBlank() ? "" : " — " + t.detail());
        return new DiaryEntry(DiaryCursor.of(t.occurredAt(), DiaryCursor.TRANSITION, t.id()), t.occurredAt(), "NEED",
                "TRANSITION", text, t.actor(), t.needId(), t.category(), t.eventType(), t.fromStatus(), t.toStatus());
    }

    private static DiaryEntry entry(DiaryRepository.WishLine w) {
        String text = "微心愿/项目 " + w.wishId() + " 「" + w.title() + "」: " + w.eventType()
                + (w.detail() == null || w.detail().isBlank() ? "" : " — " + w.detail());
        return new DiaryEntry(DiaryCursor.of(w.occurredAt(), DiaryCursor.WISH, w.id()), w.occurredAt(), "WISH",
                w.eventType(), text, w.actor(), null, null, w.eventType(), null, null);
    }

    private static long idOf(DiaryEntry e) {
        String c = e.cursor();
        return Long.parseLong(c.substring(c.lastIndexOf('.') + 1));
    }
}
