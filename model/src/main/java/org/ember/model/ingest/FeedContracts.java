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
 * that what partners read in {@code docs/feeds.md} is exactly what Ember enforces. A record the
 * schema's compiled quick check ({@link FastContract}) vouches for is valid without the general
 * library; every other record goes through the library, so every rejection names what it names.
 */
public final class FeedContracts {
    private final Map<Feed, JsonSchema> schemas = new EnumMap<>(Feed.class);
    private final Map<Feed, FastContract> quick = new EnumMap<>(Feed.class);

    public FeedContracts() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (Feed feed : Feed.values()) {
            try (InputStream in = FeedContracts.class.getResourceAsStream(feed.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("schema resource missing: " + feed.schemaResource());
                }
                JsonNode schema = org.ember.model.codec.Json.mapper().readTree(in);
                schemas.put(feed, factory.getSchema(schema, config));
                FastContract compiled = FastContract.compile(schema);
                if (compiled != null) {
                    quick.put(feed, compiled);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Whether the feed's schema compiled to a quick check (every Ember schema does; a test holds it to that). */
    boolean hasQuickCheck(Feed feed) {
        return quick.containsKey(feed);
    }

    /** The library's own violations, without the quick check (tests compare the two). */
    List<String> libraryViolations(Feed feed, JsonNode record) {
        return schemas.get(feed).validate(record).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The quick check's verdict (tests compare it with the library). */
    FastContract.Verdict quickVerdict(Feed feed, JsonNode record) {
        FastContract fast = quick.get(feed);
        return fast == null ? FastContract.Verdict.UNSURE : fast.check(record);
    }

    /** Every violation of the feed's contract, sorted, each naming the field at fault; empty if valid. */
    public List<String> violations(Feed feed, JsonNode record) {
        FastContract fast = quick.get(feed);
        if (fast != null && fast.check(record) == FastContract.Verdict.VALID) {
            return List.of();
        }
        return schemas.get(feed).validate(record).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }
}
