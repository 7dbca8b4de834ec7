package org.ember.deployment;

import java.util.List;

/**
 * One spoke of a VRU: its own people, the local authorities it serves, and the receiver of the
 * routing tree its alerts go to.
 *
 * @param id       short id, also used in messages (e.g. {@code bristol})
 * @param name     readable name
 * @param lads     local authority codes the spoke serves
 * @param receiver receiver in the deployment's {@code routes.yaml} that alerts in these authorities reach
 */
public record Spoke(String id, String name, List<String> lads, String receiver) {
    public Spoke {
        lads = List.copyOf(lads);
    }
}
