package org.ember.rules;

/**
 * A rule or test file's name and text, as read from disk or carried in a snapshot.
 *
 * @param name how problems name the file (a path, or the file name inside a snapshot)
 * @param text the YAML
 */
public record SourceFile(String name, String text) {}
