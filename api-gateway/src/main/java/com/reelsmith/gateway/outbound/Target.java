package com.reelsmith.gateway.outbound;

import java.net.InetAddress;
import java.net.URI;

/**
 * A checked URL and the one address it was checked at. A connection goes to {@code address},
 * never to the name again: a second DNS answer (rebinding) cannot point it somewhere else.
 */
public record Target(URI uri, String host, int port, boolean https, InetAddress address) {

    /** The request target: path and query, "/" for none. */
    public String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The Host header: the name, with the port when it is not the scheme's default. */
    public String hostHeader() {
        String name = host.contains(":") ? "[" + host + "]" : host;
        return port == (https ? 443 : 80) ? name : name + ":" + port;
    }
}
