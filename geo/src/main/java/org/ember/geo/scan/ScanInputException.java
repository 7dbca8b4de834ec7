package org.ember.geo.scan;

/** A problem in a SaTScan input file; the message names the file and the row. */
public final class ScanInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ScanInputException(String file, int row, String message) {
        super(file + " row " + row + ": " + message);
    }
}
