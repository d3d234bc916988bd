package com.reelsmith.gateway.webhooks;

import com.reelsmith.gateway.system.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;

/**
 * Reads a webhook's raw body (the signature covers the exact bytes) with a cap: anyone on the
 * internet can post here before any signature is checked. A Replicate webhook is one prediction's
 * JSON, a few KB; 1 MB is generous. A declared length over the cap is refused before a byte is
 * read; a chunked body is read only until it passes the cap.
 */
final class WebhookBody {

    static final int MAX_BYTES = 1024 * 1024;

    private WebhookBody() {
    }

    static byte[] read(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        var body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (body.size() + n > MAX_BYTES) {
                    throw tooLarge();
                }
                body.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the sender went away mid-body: its answer, not an error of ours
            throw new ApiException(HttpStatus.BAD_REQUEST, "incomplete_body",
                    "the webhook body could not be read to its end: " + e.getMessage(), null);
        }
        return body.toByteArray();
    }

    private static ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
                "a webhook body may be at most " + MAX_BYTES + " bytes", null);
    }
}
