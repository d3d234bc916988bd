package com.reelsmith.gateway.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The one SSRF guard: a client-given URL is allowed only when it is http(s) and every address its
 * host resolves to is on the public internet (not loopback, private, link-local, carrier-grade
 * NAT, unique-local v6, multicast, documentation, the cloud metadata address, or an IPv6 range
 * that embeds or reaches IPv4: 6to4, Teredo, NAT64, v4-mapped and v4-compatible), unless
 * configuration allows it ({@link OutboundProperties}). Checked when the URL is given and again,
 * with a fresh lookup, before each connection, which then goes to the checked address itself.
 */
@Component
public class PublicTargets {

    /**
     * IPv6 ranges that are not the public internet, or that embed or reach IPv4 space through a
     * translator or tunnel (so could reach an internal IPv4 address): refused whatever they embed.
     */
    private static final List<Cidr> BLOCKED_V6 = Stream.of(
            "::/80", // ::, ::1, IPv4-compatible ::/96 and IPv4-mapped ::ffff:0:0/96
            "64:ff9b::/96", "64:ff9b:1::/48", // NAT64, well-known and local-use
            "100::/64", // discard-only
            "2001::/32", // Teredo
            "2001:db8::/32", // documentation
            "2002::/16", // 6to4
            "fc00::/7", // unique local (fd00:ec2::254, a cloud metadata address, is here)
            "fe80::/10", // link-local
            "fec0::/10", // old site-local
            "ff00::/8") // multicast
            .map(Cidr::parse).toList();

    private final OutboundProperties properties;
    private final List<Cidr> allowed;

    public PublicTargets(OutboundProperties properties) {
        this.properties = properties;
        this.allowed = properties.allowedCidrs().stream().map(Cidr::parse).toList();
    }

    /** The URL checked and resolved; throws {@link RefusedTarget} saying why not. */
    public Target check(String url) {
        if (url == null || url.isBlank()) {
            throw new RefusedTarget("a URL is required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new RefusedTarget("not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("only http and https URLs are allowed");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("a URL with a user name or password is not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedTarget("the URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                // an address the client typed may be named; what a host name resolves to is ours, not theirs
                throw new RefusedTarget(isLiteral(host)
                        ? "the address " + host + " is private, loopback, link-local or otherwise reserved"
                        : "the host " + host + " resolves to a private or reserved address");
            }
        }
        return new Target(uri, host, port, https, addresses[0]);
    }

    boolean allowed(InetAddress address) {
        return properties.allowPrivateTargets() || isPublic(address)
                || allowed.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** True for an address on the public internet. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            return BLOCKED_V6.stream().noneMatch(range -> range.contains(address));
        }
        return false;
    }

    /** An IP address as the client wrote it (no lookup needed), not a host name. */
    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224 // this network, private, loopback, multicast and reserved
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // carrier-grade NAT
                || (a0 == 169 && a1 == 254) // link-local, with the cloud metadata address 169.254.169.254
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF protocol assignments, TEST-NET-1
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)); // TEST-NET-2, -3
    }

    /** An allowed range from configuration, e.g. {@code 127.0.0.1/32} or {@code fd00::/8}. */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            String[] parts = text.trim().split("/", 2);
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("prefix length out of range");
                }
                return new Cidr(network, bits);
            } catch (UnknownHostException | RuntimeException e) {
                throw new IllegalArgumentException("reelsmith.outbound.allowed-cidrs: " + text + " is not a CIDR range", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
