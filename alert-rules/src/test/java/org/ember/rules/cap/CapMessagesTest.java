package org.ember.rules.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.ember.geo.area.Area;
import org.ember.geo.area.AreaCatalogue;
import org.ember.model.Alert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * CAP messages of a real Cardiff LSOA and local authority, validated against the OASIS schema and
 * its stricter variant, both read where they lie in the shared folder.
 */
class CapMessagesTest {
    private static final Path SCHEMAS =
            Path.of(System.getProperty("ember.data.dir", "../../shared/data")).toAbsolutePath().normalize().getParent()
                    .resolve("schemas");
    private static final String CARDIFF = "W06000015";
    private static final Instant SATURDAY_2330_GMT = Instant.parse("2026-03-01T23:30:00Z");

    private static AreaCatalogue catalogue;
    private static Area lsoa;
    private static CapAlerts cap;

    @BeforeAll
    static void load() {
        catalogue = AreaCatalogue.load(Path.of(System.getProperty("ember.data.dir", "../../shared/data")),
                org.ember.rules.testing.SouthWalesCoverage.coverage());
        lsoa = catalogue.lsoas().values().stream().filter(a -> CARDIFF.equals(a.parentCode()))
                .min(Comparator.comparing(Area::code)).orElseThrow();
        cap = new CapAlerts("ember@south-wales-vru", new CatalogueCapAreas(catalogue), id -> "http://127.0.0.1:8080/cap/alerts/" + id);
    }

    private static Alert alert(String state, String layer, String areaId, Instant at) {
        long episode = SATURDAY_2330_GMT.toEpochMilli();
        return new Alert("3f2a9c1d0b7e4a6c5d8e9f01", "weapon-reports", state, "critical", layer, areaId, "Cardiff 001A",
                CARDIFF, episode, at.toEpochMilli(), "count{window=24h,feed=any,category=weapon}", 3, 2,
                "3 weapon-related reports in Cardiff 001A in the last 24 hours",
                Map.of("alertname", "weapon-reports", "severity", "critical", "area", areaId, "lad", CARDIFF),
                Map.of("cap_category", "Security", "cap_urgency", "Immediate", "cap_certainty", "Observed"));
    }

    private static void assertValid(String xml) throws Exception {
        for (String schema : List.of("cap12.xsd", "cap12_extended.xsd")) {
            Validator validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(SCHEMAS.resolve(schema).toFile()).newValidator();
            validator.validate(new StreamSource(new StringReader(xml)));
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String text(Document doc, String element) {
        return doc.getElementsByTagNameNS(CapWriter.NAMESPACE, element).item(0).getTextContent();
    }

    @Test
    void aFiringAlertIsAValidRestrictedAlertWithSentInCapFormAndItsLsoaPolygonLatitudeFirst() throws Exception {
        CapMessage message = cap.message(alert(Alert.FIRING, "lsoa", lsoa.code(), SATURDAY_2330_GMT), List.of());
        String xml = CapWriter.write(message);
        assertValid(xml);
        Document doc = parse(xml);
        assertThat(text(doc, "sent")).isEqualTo("2026-03-01T23:30:00+00:00");
        assertThat(text(doc, "msgType")).isEqualTo("Alert");
        assertThat(text(doc, "scope")).isEqualTo("Restricted");
        assertThat(text(doc, "restriction")).isEqualTo(CapAlerts.RESTRICTION);
        assertThat(text(doc, "severity")).isEqualTo("Severe");
        assertThat(text(doc, "category")).isEqualTo("Security");
        assertThat(text(doc, "urgency")).isEqualTo("Immediate");
        assertThat(doc.getElementsByTagNameNS(CapWriter.NAMESPACE, "references").getLength()).isZero();

        String polygon = text(doc, "polygon");
        String[] pairs = polygon.split(" ");
        assertThat(pairs.length).isGreaterThanOrEqualTo(4);
        assertThat(pairs[0]).isEqualTo(pairs[pairs.length - 1]);
        var centroid = lsoa.geometry().getCentroid();
        for (String pair : pairs) {
            double lat = Double.parseDouble(pair.split(",")[0]);
            double lon = Double.parseDouble(pair.split(",")[1]);
            // Latitude first: Cardiff is near 51.5 N, 3.2 W, and the ring stays near the LSOA.
            assertThat(lat).isBetween(centroid.getY() - 0.05, centroid.getY() + 0.05);
            assertThat(lon).isBetween(centroid.getX() - 0.05, centroid.getX() + 0.05);
        }
    }

    @Test
    void aChangeIsAnUpdateAndTheResolutionACancelBothReferencingEarlierMessages() throws Exception {
        CapFeed feed = new CapFeed(cap, 100);
        CapMessage first = feed.add(alert(Alert.FIRING, "lsoa", lsoa.code(), SATURDAY_2330_GMT)).orElseThrow();
        assertThat(feed.add(alert(Alert.FIRING, "lsoa", lsoa.code(), SATURDAY_2330_GMT))).as("a replay adds nothing").isEmpty();
        CapMessage update = feed.add(alert(Alert.FIRING, "lsoa", lsoa.code(), SATURDAY_2330_GMT.plusSeconds(3600)))
                .orElseThrow();
        CapMessage cancel = feed.add(alert(Alert.RESOLVED, "lsoa", lsoa.code(), SATURDAY_2330_GMT.plusSeconds(7200)))
                .orElseThrow();
        assertThat(update.msgType()).isEqualTo(CapMessage.UPDATE);
        assertThat(update.references()).containsExactly(
                "ember@south-wales-vru," + first.identifier() + ",2026-03-01T23:30:00+00:00");
        assertThat(cancel.msgType()).isEqualTo(CapMessage.CANCEL);
        assertThat(cancel.references()).containsExactly(first.reference(), update.reference());
        assertThat(cancel.info().urgency()).isEqualTo("Past");
        String title = CapAtomFeed.write("http://127.0.0.1/", "t", List.of(cancel), SATURDAY_2330_GMT);
        assertThat(title).as("CAP titles say Resolved once").contains("<title>Cancel: Resolved: ")
                .doesNotContain("Resolved: Resolved").doesNotContain("Resolved after");
        assertThat(cancel.info().headline()).startsWith("Resolved: ").doesNotContain("Resolved after");
        assertValid(CapWriter.write(update));
        assertValid(CapWriter.write(cancel));
        assertThat(feed.latest(10)).extracting(CapMessage::identifier)
                .containsExactly(cancel.identifier(), update.identifier(), first.identifier());
    }

    @Test
    void aLocalAuthorityAlertCarriesTheAuthoritysOutlineAndAPublicOneIsScopePublic() throws Exception {
        Alert lad = alert(Alert.FIRING, "lad", CARDIFF, SATURDAY_2330_GMT);
        Map<String, String> labels = new java.util.HashMap<>(lad.labels());
        labels.put("audience", "public");
        Alert open = new Alert(lad.fingerprint(), lad.rule(), lad.state(), lad.severity(), lad.layer(), lad.areaId(),
                "Cardiff", lad.lad(), lad.episodeStart(), lad.eventTime(), lad.metric(), lad.value(), lad.threshold(),
                lad.summary(), labels, lad.annotations());
        CapMessage message = cap.message(open, List.of());
        assertThat(message.scope()).isEqualTo(CapMessage.PUBLIC);
        assertThat(message.info().area().polygons()).isNotEmpty();
        assertThat(message.info().area().geocodes()).containsEntry("ONS", CARDIFF);
        String xml = CapWriter.write(message);
        assertValid(xml);
        assertThat(parse(xml).getElementsByTagNameNS(CapWriter.NAMESPACE, "restriction").getLength()).isZero();
    }

    @Test
    void theAtomFeedLinksEachEntryToItsMessage() throws Exception {
        CapMessage message = cap.message(alert(Alert.FIRING, "lsoa", lsoa.code(), SATURDAY_2330_GMT), List.of());
        String atom = CapAtomFeed.write("http://127.0.0.1:8080/", "Ember CAP feed", List.of(message), Instant.now());
        Document doc = parse(atom);
        var links = doc.getElementsByTagNameNS(CapAtomFeed.ATOM, "link");
        assertThat(links.getLength()).isEqualTo(2);
        org.w3c.dom.Element entryLink = (org.w3c.dom.Element) links.item(1);
        assertThat(entryLink.getAttribute("href")).isEqualTo("http://127.0.0.1:8080/cap/alerts/" + message.identifier());
        assertThat(entryLink.getAttribute("type")).isEqualTo("application/cap+xml");
        assertThat(Files.isRegularFile(SCHEMAS.resolve("cap12.xsd"))).isTrue();
    }
}
