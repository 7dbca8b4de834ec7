package org.ember.deployment;

/**
 * The VRU's hub: the office that sees everything no spoke takes.
 *
 * @param name     readable name
 * @param receiver receiver of the routing tree's root
 */
public record Hub(String name, String receiver) {}
