package org.ember.jobs.interventions;

/**
 * An accepted intervention between operators and on {@code ember.interventions}: its id, its
 * duplicate-check key and its JSON. Plain strings, so Flink serialises it without Kryo.
 *
 * @param id   intervention id
 * @param key  type and partner: only interventions with the same key can duplicate each other
 * @param json the record as accepted (allow-listed fields only)
 */
public record InterventionRecord(String id, String key, String json) {}
