package org.ember.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.console.TestData.hour;
import static org.ember.console.TestData.lsoaCounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.ember.model.privacy.SmallCountSuppression;
import org.junit.jupiter.api.Test;

class PublicViewsTest {
    private final PublicViews views = new PublicViews(SmallCountSuppression.byDefault());
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aSmallCountLeavesAsNullAndSuppressed() throws Exception {
        JsonNode shown = mapper.readTree(views.countsEvent(List.of(lsoaCounts("W01001694", hour(3), 3)), true)).get(0);

        assertThat(shown.get("area_id").asText()).isEqualTo("W01001694");
        assertThat(shown.has("count_24h")).as("the field is there, as null").isTrue();
        assertThat(shown.get("count_24h").isNull()).isTrue();
        assertThat(shown.get("suppressed").asBoolean()).isTrue();
        assertThat(shown.get("as_of").asLong()).isEqualTo(hour(3));
    }

    @Test
    void zeroAndLargeCountsLeaveAsTheyAre() throws Exception {
        JsonNode shown = mapper.readTree(views.countsEvent(List.of(
                lsoaCounts("W01000001", hour(1), 0), lsoaCounts("W01000002", hour(1), 12)), true));

        assertThat(shown.get(0).get("count_24h").asLong()).isZero();
        assertThat(shown.get(0).get("suppressed").asBoolean()).isFalse();
        assertThat(shown.get(1).get("count_24h").asLong()).isEqualTo(12);
    }

    @Test
    void classesStartAtTheThresholdAndRise() {
        assertThat(PublicViews.classBreaks(5)).containsExactly(5L, 6L, 8L, 10L, 12L);
        List<Long> strict = PublicViews.classBreaks(8);
        assertThat(strict.get(0)).isEqualTo(8L);
        assertThat(strict).isSorted().doesNotHaveDuplicates().hasSize(5);
    }

    @Test
    void csvCellsAreQuotedWhenNeededAndFormulasDefused() {
        assertThat(PublicViews.csvCell("Cardiff 036A")).isEqualTo("Cardiff 036A");
        assertThat(PublicViews.csvCell("Newport, East")).isEqualTo("\"Newport, East\"");
        assertThat(PublicViews.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(PublicViews.csvCell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(PublicViews.csvCell(null)).isEmpty();
    }
}
