package com.reelsmith.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * HTTP/1.1 by hand, for what java.net.http will not do: send headers that promise more body than
 * is sent (to prove the server answers without reading it), stream chunks and stop, or connect
 * from another loopback address (127.0.0.x) to look like another client.
 */
final class RawHttp {

    /** What came back before {@code timeout}: the status (-1 if none), the head and the body bytes seen. */
    record Answer(int status, String head, String body, long millis) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " after " + millis + " ms: " + body;
        }
    }

    private RawHttp() {
    }

    /**
     * Connects from {@code localAddress} (null: any), writes {@code head} (request line and headers,
     * without the blank line), then lets {@code body} write what it wants, then reads the answer until
     * the JSON error or body is complete, the server closes, or {@code timeout} passes.
     */
    static Answer exchange(int port, InetAddress localAddress, String head, Consumer<OutputStream> body, Duration timeout)
            throws IOException {
        long t0 = System.nanoTime();
        try (var socket = new Socket()) {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                body.accept(out);
                out.flush();
            } catch (RuntimeException e) {
                // the server may close the connection while we still write: the answer is what counts
            }
            return read(socket.getInputStream(), t0, timeout);
        }
    }

    static Answer get(int port, InetAddress localAddress, String path, String apiKey) throws IOException {
        return exchange(port, localAddress, "GET " + path + " HTTP/1.1\r\nAuthorization: Bearer " + apiKey
                + "\r\nConnection: close", out -> { }, Duration.ofSeconds(30));
    }

    private static Answer read(InputStream in, long t0, Duration timeout) throws IOException {
        var seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long deadline = t0 + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                seen.write(buffer, 0, n);
                if (complete(seen.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // no (more) answer: what was seen is the answer
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        String text = seen.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Answer(-1, text, "", millis);
        }
        String head = text.substring(0, end);
        String[] statusLine = head.split(" ", 3);
        int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
        return new Answer(status, head, text.substring(end + 4), millis);
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        String body = text.substring(end + 4);
        int length = head.indexOf("content-length:");
        if (length >= 0) {
            String value = head.substring(length + 15).split("\r\n", 2)[0].trim();
            return body.getBytes(StandardCharsets.ISO_8859_1).length >= Integer.parseInt(value);
        }
        return body.endsWith("0\r\n\r\n");
    }

    /** Writes {@code total} bytes of filler (JSON-ish) in pieces, as a client uploading slowly would. */
    static void writeFiller(OutputStream out, long total) {
        byte[] piece = new byte[64 * 1024];
        java.util.Arrays.fill(piece, (byte) 'a');
        try {
            for (long written = 0; written < total; written += piece.length) {
                out.write(piece, 0, (int) Math.min(piece.length, total - written));
            }
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes {@code total} bytes as HTTP chunks and does NOT send the last (empty) chunk. */
    static void writeChunksWithoutEnd(OutputStream out, long total) {
        byte[] piece = new byte[64 * 1024];
        java.util.Arrays.fill(piece, (byte) 'a');
        try {
            for (long written = 0; written < total; written += piece.length) {
                int n = (int) Math.min(piece.length, total - written);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(piece, 0, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
