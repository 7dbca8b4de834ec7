package org.ember.jobs.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.ember.model.codec.Json;
import org.ember.rules.delivery.Notification;
import org.ember.rules.delivery.WebhookRenderer;

/**
 * A JSON POST to the contact's webhook ({@link WebhookRenderer}'s body). Any 2xx is delivered; an
 * error status or no answer is a failure to retry. The {@code Idempotency-Key} header is the same on
 * every attempt, for receivers that drop repeats.
 */
final class WebhookChannel implements Channel {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final WebhookRenderer renderer;

    WebhookChannel(WebhookRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(Notification notification) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(notification.contact().address()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", notification.deliveryKey())
                .POST(HttpRequest.BodyPublishers.ofString(Json.toText(renderer.render(notification))))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            throw new IOException("webhook answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(200, body.length())));
        }
    }
}
