package org.ember.model.feeds;

/** A partner may correct a record (a higher version) or cancel it; the latest version wins. */
public enum RecordStatus {
    ACTIVE,
    CANCELLED;

    public static RecordStatus parse(String value) {
        // The two spellings every record carries, without an upper-cased copy and a name look-up per
        // record (3 % of the police ingest thread); anything else is read as it always was.
        if (value == null || "active".equals(value)) {
            return ACTIVE;
        }
        if ("cancelled".equals(value)) {
            return CANCELLED;
        }
        return RecordStatus.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
