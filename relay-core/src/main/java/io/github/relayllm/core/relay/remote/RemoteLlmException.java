package io.github.relayllm.core.relay.remote;

import java.net.URI;
import java.util.Objects;

/**
 * The remote LLM gave no usable answer, after every attempt allowed.
 *
 * <p>{@link #reason()} is the reference's error text, to the character ({@code Service status 500},
 * {@code Connection failed: Connection refused}, {@code Timed out after 600000 ms}, {@code Malformed
 * response: no choices[0].text}), so that the scheduler can end the answer with {@code "\n[Error: " +
 * reason + "]"} (see {@code RelayProtocol.llmFailed}); {@link #getMessage()} adds the URL, the attempts
 * and what the server said, for logs.
 */
public final class RemoteLlmException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, one value per form of {@link #reason()}. */
    public enum Kind {
        /** An HTTP status other than 200: {@code Service status <code>}. */
        SERVICE_STATUS,
        /** No connection, or it broke (refused, reset, unknown host): {@code Connection failed: <cause>}. */
        CONNECTION_FAILED,
        /** No whole answer within the time allowed: {@code Timed out after <n> ms}. */
        TIMED_OUT,
        /** A 200 whose body is not a completion: {@code Malformed response: <what is wrong>}. */
        MALFORMED_RESPONSE,
        /**
         * The calling thread was interrupted (its interrupt flag is set again): {@code Interrupted}. Not
         * the server's fault, and not in the reference: a scheduler should cancel the request rather
         * than report an LLM error.
         */
        INTERRUPTED
    }

    private final Kind kind;
    private final String reason;
    private final URI url;
    private final int attempts;

    /**
     * @param kind what went wrong
     * @param reason the reference's error text for it
     * @param detail more for the log (e.g. the start of the server's error body); may be empty
     * @param url the endpoint asked
     * @param attempts the HTTP attempts made, at least 1
     * @param cause the underlying exception, or null
     */
    public RemoteLlmException(Kind kind, String reason, String detail, URI url, int attempts, Throwable cause) {
        super(message(reason, detail, url, attempts), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.url = Objects.requireNonNull(url, "url");
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt precedes a failure, not " + attempts);
        }
        this.attempts = attempts;
    }

    public Kind kind() {
        return kind;
    }

    /** The reference's error text, e.g. {@code Service status 500}; what goes inside {@code [Error: ...]}. */
    public String reason() {
        return reason;
    }

    public URI url() {
        return url;
    }

    public int attempts() {
        return attempts;
    }

    private static String message(String reason, String detail, URI url, int attempts) {
        String tried = "%s (POST %s, %d attempt%s)".formatted(reason, url, attempts, attempts == 1 ? "" : "s");
        return detail == null || detail.isEmpty() ? tried : tried + ": " + detail;
    }
}
