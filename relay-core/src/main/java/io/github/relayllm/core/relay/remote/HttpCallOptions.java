package io.github.relayllm.core.relay.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link RetryingHttpClient} reaches one endpoint of an OpenAI-compatible server: where, how
 * long to wait, how often to try. Implemented by the options of each client ({@link RemoteLlmOptions}
 * for {@code /v1/completions}, the evaluation judge's for {@code /v1/chat/completions}), which check
 * their values with {@link #requireValid} and normalize their URL with {@link #endpoint}.
 *
 * <p>The worst case of one call is bounded: {@code maxAttempts} attempts of at most {@code
 * requestTimeout} each (connecting included), plus the backoffs between them.
 */
public interface HttpCallOptions {
    /** The endpoint itself, an {@code http} or {@code https} URL. */
    URI url();

    /** The longest wait for a TCP (and TLS) connection. */
    Duration connectTimeout();

    /** The longest wait for one attempt's whole answer, connecting included. */
    Duration requestTimeout();

    /** HTTP attempts at most, the first included. */
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each further one. */
    Duration initialBackoff();

    /** The longest wait between two attempts. */
    Duration maxBackoff();

    /** Sent as {@code Authorization: Bearer KEY} when present. */
    default Optional<String> apiKey() {
        return Optional.empty();
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}: {@code initialBackoff * 2^(failedAttempts -
     * 1)}, at most {@code maxBackoff}.
     */
    default Duration backoffAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("a backoff follows a failed attempt, not " + failedAttempts);
        }
        // Doubling stops at the cap, so a large attempt count can not overflow the duration.
        Duration delay = initialBackoff();
        for (int i = 1; i < failedAttempts && delay.compareTo(maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff()) > 0 ? maxBackoff() : delay;
    }

    /**
     * Checks the timing values: timeouts positive, at least one attempt, {@code 0 <= initialBackoff <=
     * maxBackoff}.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    static void requireValid(
            Duration connectTimeout,
            Duration requestTimeout,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff) {
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(requestTimeout, "request timeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt must be allowed, not " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max, not initial %s and max %s"
                    .formatted(initialBackoff, maxBackoff));
        }
    }

    /**
     * Checks the model name sent as {@code "model"}: absent (the server's default) or not blank.
     *
     * @throws IllegalArgumentException for a blank name
     */
    static void requireModelName(Optional<String> model) {
        Objects.requireNonNull(model, "model");
        if (model.isPresent() && model.get().isBlank()) {
            throw new IllegalArgumentException("the model name, when given, must not be blank");
        }
    }

    /**
     * The endpoint {@code path} (as {@code /v1/completions}) of the server {@code url} names: a
     * server's base ({@code http://host:8000}), the OpenAI clients' base ending in {@code /v1}, or the
     * endpoint itself all give the same URL, so options compare equal whatever form the user wrote.
     *
     * @param whose for messages, as {@code "the judge's"}
     * @throws IllegalArgumentException for a scheme other than http(s), no host, a query or a fragment
     */
    static URI endpoint(URI url, String path, String whose) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(whose + " URL must be http or https: " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException(whose + " URL names no host: " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(whose + " URL must have no query or fragment: " + url);
        }
        String given = url.getRawPath() == null ? "" : url.getRawPath();
        while (given.endsWith("/")) {
            given = given.substring(0, given.length() - 1);
        }
        if (!given.endsWith(path)) {
            given = given.endsWith("/v1") && path.startsWith("/v1/") ? given + path.substring(3) : given + path;
        }
        return URI.create(scheme + "://" + url.getRawAuthority() + given);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the " + name + " must be positive, not " + value);
        }
    }
}
