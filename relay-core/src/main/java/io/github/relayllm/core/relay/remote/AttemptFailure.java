package io.github.relayllm.core.relay.remote;

import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.util.Objects;

/**
 * Why one HTTP attempt failed, and whether another may succeed. The client turns the last one into a
 * {@link RemoteLlmException} once it knows how many attempts were made. Carries no stack trace: it
 * is an expected outcome, and the cause keeps the one that matters.
 */
final class AttemptFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final RemoteLlmException.Kind kind;
    private final String reason;
    private final String detail;
    private final boolean retryable;

    private AttemptFailure(
            RemoteLlmException.Kind kind, String reason, String detail, boolean retryable, Throwable cause) {
        super(reason, cause, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.retryable = retryable;
    }

    /** A non-200 status; overload (429) and server errors (5xx) may pass, other client errors will not. */
    static AttemptFailure status(int status, String body) {
        boolean retryable = status == 429 || (status >= 500 && status <= 599);
        return new AttemptFailure(
                RemoteLlmException.Kind.SERVICE_STATUS, "Service status " + status, excerpt(body), retryable, null);
    }

    /** No connection or a broken one, to the server at {@code url}. */
    static AttemptFailure connection(Throwable cause, URI url) {
        return new AttemptFailure(
                RemoteLlmException.Kind.CONNECTION_FAILED,
                "Connection failed: " + describe(cause, url),
                "",
                true,
                cause);
    }

    static AttemptFailure timedOut(long millis, Throwable cause) {
        return new AttemptFailure(
                RemoteLlmException.Kind.TIMED_OUT, "Timed out after " + millis + " ms", "", true, cause);
    }

    /** A 200 that is not the answer: the server answered, and would answer the same again. */
    static AttemptFailure malformed(MalformedResponseException malformed) {
        return new AttemptFailure(
                RemoteLlmException.Kind.MALFORMED_RESPONSE, malformed.reason(), "", false, malformed.getCause());
    }

    static AttemptFailure interrupted(InterruptedException cause) {
        return new AttemptFailure(RemoteLlmException.Kind.INTERRUPTED, "Interrupted", "", false, cause);
    }

    boolean retryable() {
        return retryable;
    }

    RemoteLlmException toException(URI url, int attempts) {
        return new RemoteLlmException(kind, reason, detail, url, attempts, getCause());
    }

    /**
     * The innermost message that says something ("Connection reset"); failing that, a description of
     * the innermost cause the JDK's HTTP client left without one: it reports an unknown host as an
     * {@code UnresolvedAddressException} and a refused connection as a {@code ConnectException} over
     * a {@code ClosedChannelException}, none with a message.
     */
    private static String describe(Throwable cause, URI url) {
        String message = null;
        boolean unresolved = false;
        boolean connect = false;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            unresolved |= t instanceof UnresolvedAddressException;
            connect |= t instanceof ConnectException;
        }
        if (message != null) {
            return oneLine(message);
        }
        int port = url.getPort() >= 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
        if (unresolved) {
            return "unknown host " + url.getHost();
        }
        if (connect) {
            return "could not connect to %s:%d (refused or unreachable)".formatted(url.getHost(), port);
        }
        return cause.getClass().getSimpleName();
    }

    /** The start of an error body, on one line: servers put their explanation there. */
    private static String excerpt(String body) {
        String line = oneLine(body == null ? "" : body.strip());
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
