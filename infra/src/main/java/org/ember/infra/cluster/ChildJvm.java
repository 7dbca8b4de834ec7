package org.ember.infra.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of the cluster (JobManager, TaskManager, broker), started detached: it outlives the
 * {@code ember cluster up} that started it and is found again by its pid. Output goes to a file.
 */
public record ChildJvm(String name, long pid) {

    /** Flink's own --add-opens list for Java 17 (the JVMs of a Flink cluster need it). */
    public static final List<String> FLINK_JAVA_OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED");

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code java <jvmArgs> -cp <classpath> <mainClass> <args>} with its output in {@code output}. */
    public static ChildJvm start(String name, List<String> jvmArgs, String classpath, String mainClass, List<String> args,
            Path output) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new ChildJvm(name, process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Runs a short-lived JVM to completion and returns its output. */
    public static String runToCompletion(List<String> jvmArgs, String classpath, String mainClass, List<String> args,
            int timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(mainClass + " failed:\n" + new String(out));
            }
            return new String(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + mainClass, e);
        }
    }

    public boolean alive() {
        return handle().map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGKILL, as a crashing machine would: no shutdown hook, no goodbye to the JobManager. */
    public void kill() {
        handle().ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> h).join();
        });
    }

    /** SIGTERM, then SIGKILL if it has not stopped within the grace period. */
    public void stop(int graceSeconds) {
        handle().ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(graceSeconds, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                kill();
            }
        });
    }

    private Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid);
    }
}
