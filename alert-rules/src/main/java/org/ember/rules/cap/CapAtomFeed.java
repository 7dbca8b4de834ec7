package org.ember.rules.cap;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The Atom index of CAP messages, as public CAP feeds publish it: one entry per message, whose
 * {@code link} points at the message itself ({@code /cap/alerts/{identifier}},
 * {@code application/cap+xml}).
 */
public final class CapAtomFeed {
    public static final String ATOM = "http://www.w3.org/2005/Atom";

    private CapAtomFeed() {}

    /**
     * @param baseUrl the console's base URL ending in '/'
     * @param title   the feed's title
     * @param messages newest first
     * @param now     the feed's {@code updated} time when it has no messages
     */
    public static String write(String baseUrl, String title, List<CapMessage> messages, Instant now) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.setDefaultNamespace(ATOM);
            xml.writeStartElement(ATOM, "feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", baseUrl + "cap/feed");
            element(xml, "title", title);
            element(xml, "updated", CapWriter.time(messages.isEmpty() ? now : messages.get(0).sent()));
            link(xml, "self", baseUrl + "cap/feed", "application/atom+xml");
            xml.writeStartElement(ATOM, "author");
            element(xml, "name", "Ember");
            xml.writeEndElement();
            for (CapMessage message : messages) {
                String url = baseUrl + "cap/alerts/" + message.identifier();
                xml.writeStartElement(ATOM, "entry");
                element(xml, "id", url);
                element(xml, "title", message.msgType() + ": " + message.info().headline());
                element(xml, "updated", CapWriter.time(message.sent()));
                link(xml, "alternate", url, "application/cap+xml");
                element(xml, "summary", message.info().area().description() + " · " + message.info().severity() + " · "
                        + message.scope());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the CAP feed", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(ATOM, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement(ATOM, "link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
    }
}
