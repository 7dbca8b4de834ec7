package org.ember.infra.cli;

import picocli.CommandLine;

/** Version shown by {@code ember --version}. */
public final class EmberVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = EmberCli.class.getPackage().getImplementationVersion();
        return new String[] {"ember " + (version == null ? "development build" : version)};
    }
}
