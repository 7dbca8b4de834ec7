package org.ember.rules.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {
    private static final Map<String, String> CARDIFF_WEAPON =
            Map.of("alertname", "weapon-reports", "severity", "critical", "lad", "W06000015");

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            lad="W06000015" => true
            lad = W06000015 => true
            lad!="W06000015" => false
            severity=~"warning|critical" => true
            severity=~"crit" => false
            alertname!~"weapon-.*" => false
            area="" => true
            area!="" => false
            spoke=~".*" => true
            """)
    void matchersReadAsInAlertmanagerAndRegexesMatchWholeValues(String text, boolean matches) {
        assertThat(Matcher.parse(text).matches(CARDIFF_WEAPON)).isEqualTo(matches);
    }

    @Test
    void quotedValuesMayHoldEscapedQuotesAndTheTextReadsBack() {
        Matcher matcher = Matcher.parse("note=\"say \\\"hi\\\"\"");
        assertThat(matcher.value()).isEqualTo("say \"hi\"");
        assertThat(Matcher.parse(matcher.toString())).isEqualTo(matcher);
    }

    @Test
    void badMatchersSayWhatIsWrong() {
        assertThatThrownBy(() -> Matcher.parse("lad W06000015")).hasMessageContaining("is not a matcher");
        assertThatThrownBy(() -> Matcher.parse("lad=~\"(\"")).hasMessageContaining("bad regular expression");
        assertThatThrownBy(() -> Matcher.parse("lad=\"W06")).hasMessageContaining("quotes");
    }
}
