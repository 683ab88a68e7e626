package io.github.relayllm.core.relay.remote;

/**
 * A 200 whose body is not the answer the endpoint promises: the server would answer the same again, so
 * a {@link RetryingHttpClient} does not retry it. Its reason reads {@code "Malformed response: " +
 * what}, as the {@link RemoteLlmException} it becomes.
 */
public final class MalformedResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param what what is wrong with the body, as {@code "no choices[0].text"} */
    public MalformedResponseException(String what, Throwable cause) {
        super("Malformed response: " + what, cause, false, false);
    }

    /** The reason the resulting {@link RemoteLlmException} carries. */
    public String reason() {
        return getMessage();
    }
}
