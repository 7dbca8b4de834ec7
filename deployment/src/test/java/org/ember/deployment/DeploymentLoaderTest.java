package org.ember.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ember.geo.area.AreaCatalogue;
import org.ember.rules.routing.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentLoaderTest {
    static final Path DATA = Path.of(System.getProperty("ember.data.dir", "../../shared/data")).toAbsolutePath().normalize();
    static final Path SHIPPED = Path.of("../deployments").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void southWalesAndGwentLoadsAsTodaysDeployment() throws ConfigException {
        Deployment d = Deployment.load(SHIPPED.resolve("south-wales-gwent"), DATA, Map.of());
        assertThat(d.name()).isEqualTo("south-wales-gwent");
        assertThat(d.spokes()).hasSize(5);
        assertThat(d.ladCodes()).hasSize(12);
        assertThat(d.spokeOf("W06000015")).map(Spoke::receiver).contains("cardiff");
        assertThat(d.simulator().emergencyDepartments()).hasSize(6);
        assertThat(AreaCatalogue.load(d.dataDir(), d.coverage()).lsoas()).hasSizeGreaterThan(1000);
    }

    @Test
    void avonAndSomersetLoadsWithFiveSpokesAndTopoJsonOutlines() throws ConfigException {
        Deployment d = Deployment.load(SHIPPED.resolve("avon-and-somerset/deployment.yaml"), DATA, Map.of());
        assertThat(d.spokes()).extracting(Spoke::id)
                .containsExactly("banes", "bristol", "north-somerset", "south-gloucestershire", "somerset");
        assertThat(d.spokeOf("E07000190")).map(Spoke::id).contains("somerset");
        AreaCatalogue catalogue = AreaCatalogue.load(d.dataDir(), d.coverage());
        assertThat(catalogue.lsoas()).hasSize(1005);
        assertThat(catalogue.ladName("E06000023")).isEqualTo("Bristol, City of");
        // police.uk rows of this force carry 2021 codes: they resolve through the lookup.
        assertThat(catalogue.lsoa("E01033902")).isPresent();
    }

    @Test
    void aBrokenDeploymentNamesEveryProblemAtItsLineAndColumn() throws IOException {
        Path dir = brokenCopy();
        assertThatThrownBy(() -> Deployment.load(dir, DATA, Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    String text = e.getMessage();
                    String file = dir.resolve("deployment.yaml").toString();
                    // unknown local authority: not in the outline file
                    assertThat(text).contains(file + ":12:12: unknown local authority E06000099");
                    // its LSOA file does not exist either, and the message names the setting
                    assertThat(text).contains(file + ":12:12: local authority E06000099 has no LSOA boundary file")
                            .contains("(setting boundaries.lsoa.files)");
                    // a spoke whose authorities reach only the hub
                    assertThat(text).contains(file + ":10:5: spoke 'ghost' has no route: an alert in E06000099 goes to [hub]");
                    assertThat(text).contains(file + ":13:5: spoke 'orphans' has no route: an alert in E06000024 goes to "
                            + "[north-somerset], not to 'hub'");
                    // a missing file names the file and the setting
                    assertThat(text).contains(file + ":17:3: file " + DATA.resolve("lookups/no_such_lookup.csv.gz")
                            + " does not exist (setting boundaries.lsoa_lookup)");
                    // strict: an unknown key
                    assertThat(text).contains(file + ":25:1: unknown key 'colour'");
                });
    }

    private Path brokenCopy() throws IOException {
        Path dir = temp.resolve("broken");
        Files.createDirectories(dir.resolve("routing"));
        Path shipped = SHIPPED.resolve("avon-and-somerset");
        Files.copy(shipped.resolve("routing/oncall.yaml"), dir.resolve("routing/oncall.yaml"));
        Files.copy(shipped.resolve("routing/routes.yaml"), dir.resolve("routing/routes.yaml"));
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("deployment.yaml"), String.join("\n",
                "name: broken",
                "cap_sender: ember@broken.example",
                "public_url: https://ember.broken.example",
                "hub: {name: Hub, receiver: hub}",
                "spokes:",
                "  - {id: bristol, name: Bristol, lads: [E06000023], receiver: bristol}",
                "  - id: banes",
                "    lads: [E06000022]",
                "    receiver: banes",
                "  - id: ghost",
                "    receiver: bristol",
                "    lads: [E06000099]",
                "  - {id: orphans, lads: [E06000024], receiver: hub}",
                "boundaries:",
                "  lsoa: {files: \"boundaries/avon_and_somerset_lsoa11_by_lad/{lad}.json\"}",
                "  la: {file: boundaries/gb_lad_topo.json}",
                "  lsoa_lookup: lookups/no_such_lookup.csv.gz",
                "simulator:",
                "  police: [avon-and-somerset_partial]",
                "  ambulance_service: SWAST",
                "  emergency_departments:",
                "    - {code: X1, name: Somewhere, lon: -2.6, lat: 51.45}",
                "rules: rules",
                "routing: routing",
                "colour: red",
                ""));
        return dir;
    }
}
