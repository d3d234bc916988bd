package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An upload is taken for what its bytes are, measured, stored, and given back byte for byte. */
class AssetUploadTest extends GatewayIntegrationTest {

    Tenant tenant;
    String assetsOfCampaign;

    @BeforeEach
    void aCampaign() {
        tenant = newTenant("Uploads");
        assetsOfCampaign = "/api/v2/campaigns/" + newCampaign(tenant, "with assets") + "/assets";
    }

    @Test
    void aPngIsStoredWithItsSizeAndServedBackByteForByte() throws Exception {
        byte[] png = png(64, 32);

        var uploaded = as(tenant).upload(assetsOfCampaign, "logo.png", "image/png", png);

        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        var asset = uploaded.json();
        assertThat(asset.path("width").asInt()).isEqualTo(64);
        assertThat(asset.path("height").asInt()).isEqualTo(32);
        assertThat(asset.path("content_type").asString()).isEqualTo("image/png");
        assertThat(asset.path("bytes").asLong()).isEqualTo(png.length);
        assertThat(asset.path("filename").asString()).isEqualTo("logo.png");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        assertThat(asset.path("sha256").asString()).isEqualTo(sha256);

        var data = as(tenant).get("/api/v2/assets/" + uploaded.id() + "/data");

        assertThat(data.status()).isEqualTo(200);
        assertThat(data.body()).isEqualTo(png);
        assertThat(data.header("Content-Type")).isEqualTo("image/png");
        assertThat(data.header("ETag")).isEqualTo("\"" + sha256 + "\"");
        var revalidated = as(tenant).withHeader("If-None-Match", data.header("ETag"))
                .get("/api/v2/assets/" + uploaded.id() + "/data");
        assertThat(revalidated.status()).as("a cache holding these bytes is told they have not changed").isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(as(tenant).get("/api/v2/assets/" + uploaded.id()).json().path("sha256").asString()).isEqualTo(sha256);
    }

    @Test
    void aTextFileIsRefusedAsUnsupported() {
        byte[] text = "just some words, not a picture".getBytes(StandardCharsets.UTF_8);

        var reply = as(tenant).upload(assetsOfCampaign, "notes.png", "image/png", text);

        assertThat(reply.status()).as("%s", reply).isEqualTo(415);
        assertThat(reply.errorCode()).isEqualTo("unsupported_media_type");
        assertNoAssetStored();
    }

    @Test
    void aPngHeaderFollowedByGarbageIsRefused() {
        byte[] broken = Arrays.copyOf(png(64, 32), 40);
        Arrays.fill(broken, 16, 40, (byte) 0x5A);

        var reply = as(tenant).upload(assetsOfCampaign, "broken.png", "image/png", broken);

        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_field");
        assertThat(reply.errorField()).isEqualTo("file");
        assertNoAssetStored();
    }

    @Test
    void aTinyPngClaimingHugeDimensionsIsRefusedBeforeItIsDecoded() {
        // 20000 x 20000 in the header, a few bytes of data: decoding it would allocate over a gigabyte
        byte[] bomb = pngHeaderClaiming(20_000, 20_000);

        var reply = as(tenant).upload(assetsOfCampaign, "bomb.png", "image/png", bomb);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").get("message").asString()).contains("20000x20000").contains("megapixels");
        assertNoAssetStored();
    }

    private static byte[] pngHeaderClaiming(int width, int height) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        var ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array();
        writeChunk(out, "IHDR", ihdr);
        writeChunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        writeChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void writeChunk(java.io.ByteArrayOutputStream out, String type, byte[] data) {
        var crc = new java.util.zip.CRC32();
        crc.update(type.getBytes());
        crc.update(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(type.getBytes());
        out.writeBytes(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void anEmptyFileIsRefused() {
        var reply = as(tenant).upload(assetsOfCampaign, "empty.png", "image/png", new byte[0]);

        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.errorField()).isEqualTo("file");
    }

    @Test
    void theTypeComesFromTheBytesNotTheNameOrHeader() {
        byte[] jpeg = jpeg(20, 10);

        var uploaded = as(tenant).upload(assetsOfCampaign, "photo.png", "image/png", jpeg);

        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        assertThat(uploaded.json().path("content_type").asString()).isEqualTo("image/jpeg");
        assertThat(uploaded.json().path("width").asInt()).isEqualTo(20);
        var data = as(tenant).get("/api/v2/assets/" + uploaded.id() + "/data");
        assertThat(data.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(data.body()).isEqualTo(jpeg);
    }

    @Test
    void anUnknownAssetIsNotFound() {
        var reply = as(tenant).get("/api/v2/assets/" + UUID.randomUUID() + "/data");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("not_found");
    }

    private void assertNoAssetStored() {
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from assets where client_id = ?", tenant.clientId()))
                .isZero();
    }
}
