package org.ember.model.feeds;

/** A partner may correct a record (a higher version) or cancel it; the latest version wins. */
public enum RecordStatus {
    ACTIVE,
    CANCELLED;

    public static RecordStatus parse(String value) {
        return value == null ? ACTIVE : RecordStatus.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
