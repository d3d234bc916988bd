package com.reelsmith.gateway.outbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal HTTP/1.x client that connects to a {@link Target}'s checked address, never to its
 * name (a JDK HttpClient would look the name up again: a DNS rebinding could then reach an
 * internal address). TLS still verifies the certificate against the host name, with SNI.
 * One request per connection ({@code Connection: close}).
 */
public final class PinnedHttp {

    /** What the server answered: status, headers (lower-case names) and the body read. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
    }

    /** The body was longer than the caller's limit; reading stopped there. */
    public static final class TooLarge extends IOException {
        public TooLarge(long limit) {
            super("the response is larger than " + limit + " bytes");
        }
    }

    private PinnedHttp() {
    }

    /** POSTs {@code body}; reads the status and headers of the answer (its body is not read: only the status counts). */
    public static Response post(Target target, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        try (Socket socket = connect(target, timeout)) {
            StringBuilder head = new StringBuilder("POST " + target.pathAndQuery() + " HTTP/1.1\r\n")
                    .append("Host: ").append(target.hostHeader()).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            return readHead(in, deadline(timeout));
        }
    }

    /**
     * GETs the target (HTTP/1.0, so the body simply ends with the connection) and reads at most
     * {@code maxBody} bytes: one more is {@link TooLarge}, as is a Content-Length over it, before reading.
     */
    public static Response get(Target target, Duration timeout, long maxBody) throws IOException {
        try (Socket socket = connect(target, timeout)) {
            String head = "GET " + target.pathAndQuery() + " HTTP/1.0\r\n"
                    + "Host: " + target.hostHeader() + "\r\n"
                    + "Accept-Encoding: identity\r\n"
                    + "User-Agent: Reelsmith-Import/1\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            long deadline = deadline(timeout);
            Response response = readHead(in, deadline);
            String length = response.headers().get("content-length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.trim()) > maxBody) {
                        throw new TooLarge(maxBody);
                    }
                } catch (NumberFormatException e) {
                    throw new IOException("the server sent an invalid Content-Length");
                }
            }
            if ("chunked".equalsIgnoreCase(response.headers().getOrDefault("transfer-encoding", "").trim())) {
                throw new IOException("the server answered an HTTP/1.0 request with a chunked body");
            }
            return new Response(response.status(), response.headers(), readUpTo(in, maxBody, deadline));
        }
    }

    private static Socket connect(Target target, Duration timeout) throws IOException {
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(target.address(), target.port()), ms);
            socket.setSoTimeout(ms);
            if (!target.https()) {
                return socket;
            }
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, target.host(), target.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            if (!isLiteral(target.host())) {
                parameters.setServerNames(List.of(new SNIHostName(target.host())));
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /**
     * The whole answer must come within twice the timeout: the socket timeout bounds each read,
     * this bounds a server that drips a byte at a time to hold a sender's thread.
     */
    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.multipliedBy(2).toNanos();
    }

    private static void checkDeadline(long deadline) throws IOException {
        if (System.nanoTime() > deadline) {
            throw new java.net.SocketTimeoutException("the server took too long to answer");
        }
    }

    private static Response readHead(InputStream in, long deadline) throws IOException {
        String statusLine = readLine(in, deadline);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + abbreviate(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + abbreviate(statusLine));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            String line = readLine(in, deadline);
            if (line.isEmpty()) {
                return new Response(status, headers, new byte[0]);
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        throw new IOException("too many response headers");
    }

    private static String readLine(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            checkDeadline(deadline);
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                line.write(c);
            }
            if (line.size() > 16_384) {
                throw new IOException("a response header line is too long");
            }
        }
        if (c == -1 && line.size() == 0) {
            throw new IOException("the server closed the connection without answering");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads to the end; past the limit: {@link TooLarge}. */
    private static byte[] readUpTo(InputStream in, long limit, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            checkDeadline(deadline);
            if (body.size() + (long) n > limit) {
                throw new TooLarge(limit);
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
