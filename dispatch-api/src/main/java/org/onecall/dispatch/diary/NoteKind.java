package org.onecall.dispatch.diary;

/** What kind of contact a diary note records: a phone call, a home visit, or just a note. */
public enum NoteKind {
    CALL, VISIT, NOTE
}
