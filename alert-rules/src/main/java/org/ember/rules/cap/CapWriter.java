package org.ember.rules.cap;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes CAP 1.2 XML in the schema's element order. Times are written as
 * {@code 2026-03-01T23:30:00+00:00}: CAP forbids {@code Z} and fractions of a second.
 */
public final class CapWriter {
    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    private static final DateTimeFormatter CAP_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private CapWriter() {}

    /** A time as CAP wants it: seconds, an explicit offset, never {@code Z}. */
    public static String time(Instant instant) {
        return CAP_TIME.format(instant);
    }

    public static String write(CapMessage message) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.setDefaultNamespace(NAMESPACE);
            xml.writeStartElement(NAMESPACE, "alert");
            xml.writeDefaultNamespace(NAMESPACE);
            element(xml, "identifier", message.identifier());
            element(xml, "sender", message.sender());
            element(xml, "sent", time(message.sent()));
            element(xml, "status", message.status());
            element(xml, "msgType", message.msgType());
            element(xml, "scope", message.scope());
            if (CapMessage.RESTRICTED.equals(message.scope())) {
                element(xml, "restriction", message.restriction());
            }
            if (!message.references().isEmpty()) {
                element(xml, "references", String.join(" ", message.references()));
            }
            CapMessage.Info info = message.info();
            xml.writeStartElement(NAMESPACE, "info");
            element(xml, "language", "en-GB");
            element(xml, "category", info.category());
            element(xml, "event", info.event());
            element(xml, "urgency", info.urgency());
            element(xml, "severity", info.severity());
            element(xml, "certainty", info.certainty());
            element(xml, "senderName", "Ember");
            element(xml, "headline", info.headline());
            element(xml, "description", info.description());
            if (info.web() != null) {
                element(xml, "web", info.web());
            }
            for (Map.Entry<String, String> parameter : new TreeMap<>(info.parameters()).entrySet()) {
                xml.writeStartElement(NAMESPACE, "parameter");
                element(xml, "valueName", parameter.getKey());
                element(xml, "value", parameter.getValue());
                xml.writeEndElement();
            }
            CapMessage.Area area = info.area();
            xml.writeStartElement(NAMESPACE, "area");
            element(xml, "areaDesc", area.description());
            for (String polygon : area.polygons()) {
                element(xml, "polygon", polygon);
            }
            for (Map.Entry<String, String> geocode : new TreeMap<>(area.geocodes()).entrySet()) {
                xml.writeStartElement(NAMESPACE, "geocode");
                element(xml, "valueName", geocode.getKey());
                element(xml, "value", geocode.getValue());
                xml.writeEndElement();
            }
            xml.writeEndElement(); // area
            xml.writeEndElement(); // info
            xml.writeEndElement(); // alert
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write CAP message " + message.identifier(), e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(NAMESPACE, name);
        xml.writeCharacters(text == null ? "" : text);
        xml.writeEndElement();
    }
}
