package org.ember.model.interventions;

/** How much of an intervention was delivered, e.g. 1200 patrol_minutes. */
public record Dosage(double amount, String unit) {}
