package dev.crudjt.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the report says about the machine and the JVM, read from the JVM and from /proc. */
final class Machine {

    private Machine() {
    }

    /**
     * Returns the load averages over 1, 5 and 15 minutes.
     *
     * @return the first three fields of /proc/loadavg, or "unknown"
     */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        }
        catch (IOException | RuntimeException ex) {
            return "unknown";
        }
    }

    /**
     * Returns the machine description as Markdown list items.
     *
     * @return the lines
     */
    static List<String> describe() {
        Runtime runtime = Runtime.getRuntime();
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return List.of(
                "CPU: " + cpuModel() + ", " + runtime.availableProcessors()
                        + " cores available to the JVM",
                "Memory: " + memTotal(),
                "OS: " + osName() + " (" + System.getProperty("os.name") + " "
                        + System.getProperty("os.version") + ", "
                        + System.getProperty("os.arch") + ")",
                "JVM: " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vendor") + "), max heap "
                        + String.format(Locale.ROOT, "%.1f GB", runtime.maxMemory() / 1e9)
                        + ", GC " + gcs + ", JVM options: "
                        + (flags.isEmpty() ? "none" : "`" + String.join(" ", flags) + "`"));
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            return "unknown CPU";
        }
        return "unknown CPU";
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            return "unknown";
        }
        return "unknown";
    }

    private static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            return "unknown OS";
        }
        return "unknown OS";
    }
}
