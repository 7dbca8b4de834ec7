package org.ember.infra.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Counts police.uk rows the plain way (comma split: the South Wales and Gwent files quote nothing),
 * as an independent check of what the simulator says it read.
 */
record PoliceUkCensus(long rows, long replayable, long replayableWithoutCoordinates, long replayableInEngland,
        long violenceWithCoordinates) {

    private static final Set<String> REPLAYED = Set.of("Violence and sexual offences", "Possession of weapons", "Robbery", "Public order");

    static PoliceUkCensus of(Path dataDir, YearMonth month, List<String> forces) throws IOException {
        long rows = 0;
        long replayable = 0;
        long noCoordinates = 0;
        long england = 0;
        long violence = 0;
        for (String force : forces) {
            Path file = dataDir.resolve("police/" + force + "/" + month + "-" + force + "-street.csv.gz");
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                    StandardCharsets.UTF_8))) {
                in.readLine();
                String line;
                while ((line = in.readLine()) != null) {
                    String[] cells = line.split(",", -1);
                    rows++;
                    if (!REPLAYED.contains(cells[9])) {
                        continue;
                    }
                    if (cells[4].isEmpty()) {
                        noCoordinates++;
                        continue;
                    }
                    replayable++;
                    if (cells[7].startsWith("E")) {
                        england++;
                    }
                    if (cells[9].equals("Violence and sexual offences")) {
                        violence++;
                    }
                }
            }
        }
        return new PoliceUkCensus(rows, replayable, noCoordinates, england, violence);
    }
}
