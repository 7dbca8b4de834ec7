package org.ember.model.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ember.model.Feed;

/**
 * The published JSON Schema of each feed, used as the single source of truth for validation so
 * that what partners read in {@code docs/feeds.md} is exactly what Ember enforces.
 */
public final class FeedContracts {
    private final Map<Feed, JsonSchema> schemas = new EnumMap<>(Feed.class);

    public FeedContracts() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (Feed feed : Feed.values()) {
            try (InputStream in = FeedContracts.class.getResourceAsStream(feed.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("schema resource missing: " + feed.schemaResource());
                }
                schemas.put(feed, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every violation of the feed's contract, sorted, each naming the field at fault; empty if valid. */
    public List<String> violations(Feed feed, JsonNode record) {
        return schemas.get(feed).validate(record).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }
}
