package com.reelsmith.gateway.assets;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Image files written byte by byte, so a test can make what an attacker would send: a PNG of tens
 * of megapixels that compresses to about 100 KB, or a WebP whose header claims any size.
 */
public final class CraftedImages {

    private CraftedImages() {
    }

    /** A valid all-black RGB PNG, streamed through the compressor so the test never holds its pixels. */
    public static byte[] blackPng(int width, int height) {
        var deflater = new Deflater(Deflater.BEST_COMPRESSION);
        var idat = new ByteArrayOutputStream();
        byte[] row = new byte[1 + width * 3]; // filter byte 0, then black pixels
        byte[] buffer = new byte[64 * 1024];
        for (int y = 0; y < height; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            idat.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /**
     * A 1x1 PNG carrying a zTXt text chunk that inflates to {@code inflatedBytes} of zeros: a few
     * hundred KB on the wire, hundreds of MB if its metadata is read.
     */
    public static byte[] pngWithTextBomb(int inflatedBytes) {
        byte[] pixel = blackPng(1, 1);
        var deflater = new Deflater(Deflater.BEST_COMPRESSION);
        var text = new ByteArrayOutputStream();
        byte[] zeros = new byte[1024 * 1024];
        byte[] buffer = new byte[64 * 1024];
        for (int written = 0; written < inflatedBytes; written += zeros.length) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                text.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            text.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        var ztxt = new ByteArrayOutputStream();
        ztxt.writeBytes("Comment".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ztxt.write(0); // end of keyword
        ztxt.write(0); // compression method: deflate
        ztxt.writeBytes(text.toByteArray());
        // signature + IHDR (8 + 25 bytes), then the bomb, then the pixel's IDAT and IEND
        var out = new ByteArrayOutputStream();
        out.write(pixel, 0, 33);
        chunk(out, "zTXt", ztxt.toByteArray());
        out.write(pixel, 33, pixel.length - 33);
        return out.toByteArray();
    }

    /** An extended-format (VP8X) WebP whose canvas is {@code width x height}; no image data follows. */
    public static byte[] webpVp8x(int width, int height) {
        var data = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        data.put((byte) 0).put(new byte[3]);
        put24(data, width - 1);
        put24(data, height - 1);
        return riff("VP8X", data.array());
    }

    /** A lossless (VP8L) WebP header of {@code width x height}. */
    public static byte[] webpVp8l(int width, int height) {
        int bits = (width - 1) | ((height - 1) << 14);
        var data = ByteBuffer.allocate(5 + 16).order(ByteOrder.LITTLE_ENDIAN);
        data.put((byte) 0x2F).putInt(bits);
        return riff("VP8L", data.array());
    }

    /** A lossy (VP8) WebP key frame header of {@code width x height}. */
    public static byte[] webpVp8(int width, int height) {
        var data = ByteBuffer.allocate(10 + 16).order(ByteOrder.LITTLE_ENDIAN);
        data.put((byte) 0x10).put((byte) 0x02).put((byte) 0x00); // key frame, version 0, shown
        data.put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A);
        data.putShort((short) width).putShort((short) height);
        return riff("VP8 ", data.array());
    }

    /** RIFF/WEBP with one chunk of an unknown kind: nothing to read a size from. */
    public static byte[] webpUnknownChunk() {
        return riff("ABCD", new byte[16]);
    }

    private static byte[] riff(String fourcc, byte[] data) {
        var out = ByteBuffer.allocate(20 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + data.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return out.array();
    }

    private static void put24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        var crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
