package org.ember.model.interventions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.ember.model.codec.Json;

/**
 * Reads {@code feed.interventions} records like the incident feeds are read: parse, check against
 * the published schema, then the rules a schema cannot say (end after start, every area or cell
 * known to the deployment). Never throws on bad input: it says why instead. Overlapping duplicates
 * need memory of earlier records and are caught by {@link InterventionRegister}.
 */
public final class InterventionParser implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String TOPIC = org.ember.model.Topics.INTERVENTIONS_FEED;
    public static final String SCHEMA = "/schemas/feed.interventions.schema.json";
    /** Larger records are refused before parsing (2000 cell ids fit in about 40 kB). */
    public static final int MAX_BYTES = 128 * 1024;

    private final SerializablePredicate knownArea;
    private final SerializablePredicate knownCell;
    private transient JsonSchema schema;

    /** A predicate that can travel with a Flink function. */
    public interface SerializablePredicate extends Predicate<String>, Serializable {}

    public InterventionParser(SerializablePredicate knownArea, SerializablePredicate knownCell) {
        this.knownArea = knownArea;
        this.knownCell = knownCell;
    }

    public InterventionOutcome parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return InterventionOutcome.rejected("record of " + bytes.length + " bytes exceeds " + MAX_BYTES);
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            return InterventionOutcome.rejected("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return InterventionOutcome.rejected("not readable: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            return InterventionOutcome.rejected("not a JSON object");
        }
        List<String> violations = schema().validate(tree).stream().map(ValidationMessage::getMessage).sorted().toList();
        if (!violations.isEmpty()) {
            return InterventionOutcome.rejected("violates the " + TOPIC + " contract: " + String.join("; ", violations));
        }
        Intervention r;
        try {
            r = Json.mapper().treeToValue(tree, Intervention.class);
        } catch (JsonProcessingException e) {
            return InterventionOutcome.rejected("cannot read " + TOPIC + " record: " + e.getOriginalMessage());
        }
        if (!r.end().isAfter(r.start())) {
            return InterventionOutcome.rejected("end " + r.end() + " is not after start " + r.start());
        }
        Predicate<String> known = r.areas() != null ? knownArea : knownCell;
        List<String> unknown = new ArrayList<>();
        for (String u : r.units()) {
            if (!known.test(u)) {
                unknown.add(u);
            }
        }
        if (!unknown.isEmpty()) {
            return InterventionOutcome.rejected("unknown " + (r.areas() != null ? "areas" : "cells") + " outside the covered area: "
                    + String.join(", ", unknown.subList(0, Math.min(10, unknown.size())))
                    + (unknown.size() > 10 ? " and " + (unknown.size() - 10) + " more" : ""));
        }
        return new InterventionOutcome.Accepted(r);
    }

    private JsonSchema schema() {
        if (schema == null) {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            try (InputStream in = InterventionParser.class.getResourceAsStream(SCHEMA)) {
                if (in == null) {
                    throw new IllegalStateException("schema resource missing: " + SCHEMA);
                }
                schema = factory.getSchema(in, config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }
}
