package org.ember.jobs.fusion;

import org.ember.model.Incident;

/** A linkable report on its way to one linkage block ({@link org.ember.fusion.LinkageBlocks}). */
public record BlockReport(String block, Incident incident) {}
