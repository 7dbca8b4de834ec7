package org.ember.infra.cli.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.ember.geo.crs.CrsTransform;
import org.ember.geo.crs.ProjectedPoint;
import org.ember.infra.cli.CliRun;
import org.ember.infra.cli.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileTest {
    @TempDir
    Path dir;

    @Test
    void nypdRowsPerVictimCollapseToOneIncidentWithItsLocalTime() {
        Path file = CliRun.csv(dir, "nypd.csv",
                "INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,BORO,PRECINCT,JURISDICTION_CODE,LOCATION_DESC,STATISTICAL_MURDER_FLAG,"
                        + "PERP_AGE_GROUP,PERP_SEX,PERP_RACE,VIC_AGE_GROUP,VIC_SEX,VIC_RACE,X_COORD_CD,Y_COORD_CD,Latitude,Longitude",
                "1,09/09/2017,3:57:00,STATEN ISLAND,120,0,,false,,,,25-44,M,BLACK,959975,171772,40.63812599100004,-74.08746692099999",
                "1,09/09/2017,3:57:00,STATEN ISLAND,120,0,,false,,,,18-24,M,BLACK,959975,171772,40.63812599100004,-74.08746692099999",
                "2,12/31/2018,22:15:00,BRONX,50,0,,false,,,,25-44,M,BLACK HISPANIC,1011288,255912,40.869060690000026,-73.90224225899993");
        EventFile.Loaded loaded = EventFile.read(List.of(file), "auto", null, null);
        assertThat(loaded.format()).isEqualTo("nypd");
        assertThat(loaded.events().size()).isEqualTo(2);
        assertThat(loaded.events().monthResolution()).isFalse();
        assertThat(loaded.events().t(0)).isCloseTo(LocalDate.of(2017, 9, 9).toEpochDay() + (3 * 60 + 57) / 1440.0, within(1e-9));
        ProjectedPoint p = new CrsTransform("EPSG:32118").project(-74.08746692099999, 40.63812599100004);
        assertThat(loaded.events().x(0)).isCloseTo(p.x(), within(1e-6));
        // The file's own X_COORD_CD (EPSG:2263, US survey feet, the same projection and false
        // easting) converted to metres agrees to a metre: the projection is the right one.
        assertThat(loaded.events().x(0)).isCloseTo(959975 * 1200.0 / 3937, within(1.0));
        assertThat(loaded.events().y(0)).isCloseTo(171772 * 1200.0 / 3937, within(1.0));
    }

    @Test
    void chicagoAndPoliceUkTimes() {
        Path chicago = CliRun.csv(dir, "chicago.csv", "date,loc_cat,longitude,latitude,district",
                "2010-01-01 00:05,residence,-87.6277,41.7922,2");
        assertThat(EventFile.read(List.of(chicago), "auto", null, null).events().t(0))
                .isCloseTo(LocalDate.of(2010, 1, 1).toEpochDay() + 5 / 1440.0, within(1e-9));
        Path police = CliRun.csv(dir, "2025-02-south-wales-street.csv",
                "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context",
                "a,2025-02,SWP,SWP,-3.17,51.48,On or near X,W01,Cardiff 1,Violence and sexual offences,,",
                "b,2025-02,SWP,SWP,-3.17,51.48,On or near X,W01,Cardiff 1,Burglary,,");
        EventFile.Loaded loaded = EventFile.read(List.of(police), "auto", null, "Violence and sexual offences");
        assertThat(loaded.events().size()).isEqualTo(1);
        assertThat(loaded.events().monthResolution()).isTrue();
        // The middle of February 2025 (28 days): the 1st plus 14 days.
        assertThat(loaded.events().t(0)).isEqualTo(LocalDate.of(2025, 2, 15).toEpochDay());
        assertThat(loaded.crs()).isEqualTo("EPSG:27700");
    }

    @Test
    void anUnreadableTimeNamesTheFileAndLine() {
        Path file = CliRun.csv(dir, "bad.csv", "x,y,t", "1,2,2025-01-01T00:00", "3,4,yesterday");
        assertThatThrownBy(() -> EventFile.read(List.of(file), "auto", null, null))
                .isInstanceOf(UserError.class).hasMessageContaining("bad.csv:3");
    }
}
