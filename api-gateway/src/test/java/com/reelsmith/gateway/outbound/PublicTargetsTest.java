package com.reelsmith.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicTargetsTest {

    private final PublicTargets strict = new PublicTargets(new OutboundProperties(false, List.of()));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::",
            "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "2001:db8::1"})
    void internalAddressesAreNotPublic(String address) throws Exception {
        assertThat(PublicTargets.isPublic(InetAddress.getByName(address))).isFalse();
    }

    /** IPv6 that embeds or reaches IPv4 is refused whatever IPv4 address it carries, a public one too. */
    @ParameterizedTest
    @ValueSource(strings = {"2002:808:808::1", "2002:c0a8:101::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "64:ff9b::808:808", "64:ff9b::a9fe:a9fe", "64:ff9b:1::808:808", "::808:808", "::7f00:1", "100::1",
            "fe80::1%1", "febf::1", "ff0e::1", "fdff::1", "2001:db8:ffff::1"})
    void ipv6ThatEmbedsOrReachesIpv4OrInternalSpaceIsNotPublic(String address) throws Exception {
        assertThat(PublicTargets.isPublic(InetAddress.getByName(address))).as(address).isFalse();
    }

    @Test
    void anIpv4MappedIpv6AddressIsNotPublicEvenWhenItCarriesAPublicOne() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 8, 8, 8, 8};
        assertThat(PublicTargets.isPublic(Inet6Address.getByAddress(null, mapped, -1))).isFalse();
    }

    /** A host name's resolved addresses are ours: the refusal says why without naming them. */
    @Test
    void aRefusedHostNameIsNotAnsweredWithTheAddressItResolvesTo() {
        assertThatThrownBy(() -> strict.check("http://localhost:8080/hook")).isInstanceOf(RefusedTarget.class)
                .hasMessageContaining("localhost resolves to a private or reserved address")
                .hasMessageNotContaining("127.").hasMessageNotContaining("::1").hasMessageNotContaining("0:0:0");
        assertThatThrownBy(() -> strict.check("http://[fd00:ec2::254]/")).isInstanceOf(RefusedTarget.class)
                .hasMessageContaining("fd00:ec2::254");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesArePublic(String address) throws Exception {
        assertThat(PublicTargets.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void onlyHttpAndHttpsWithoutCredentials() {
        assertThatThrownBy(() -> strict.check("ftp://8.8.8.8/x")).isInstanceOf(RefusedTarget.class);
        assertThatThrownBy(() -> strict.check("file:///etc/passwd")).isInstanceOf(RefusedTarget.class);
        assertThatThrownBy(() -> strict.check("http://user:pw@8.8.8.8/")).isInstanceOf(RefusedTarget.class);
        assertThatThrownBy(() -> strict.check("http://127.0.0.1:8080/")).isInstanceOf(RefusedTarget.class)
                .hasMessageContaining("127.0.0.1");
        Target target = strict.check("https://8.8.8.8/hook?x=1");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.pathAndQuery()).isEqualTo("/hook?x=1");
    }

    @Test
    void anAllowedRangeLetsOnlyItselfThrough() {
        var lab = new PublicTargets(new OutboundProperties(false, List.of("127.0.0.1/32")));
        assertThat(lab.check("http://127.0.0.1:9/").address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> lab.check("http://127.0.0.2:9/")).isInstanceOf(RefusedTarget.class);
        assertThatThrownBy(() -> lab.check("http://10.0.0.1/")).isInstanceOf(RefusedTarget.class);
    }
}
