package org.onecall.events;

/** A message that is not a valid event: it belongs on the dead-letter topic with this reason. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
