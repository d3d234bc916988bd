package com.reelsmith.platform.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The S3-compatible store (MEDIA_STORE=s3): AWS S3, MinIO, s3proxy, Ceph, R2...
 *
 * @param endpoint        S3_ENDPOINT; empty means AWS itself (the region's endpoint)
 * @param pathStyle       S3_PATH_STYLE: {@code http://host/bucket/key} rather than a bucket host name
 *                        (MinIO and most self-hosted servers want it)
 * @param createBucket    S3_CREATE_BUCKET: make the bucket at start-up when it is missing
 * @param multipartThreshold objects this large or larger go up in parts (S3's single PUT ends at 5 GB)
 * @param partSize        the part size of a multipart upload (S3's minimum is 5 MB)
 * @param refreshAfter    storing bytes that are there already and older than this refreshes their
 *                        time (a server-side copy), so the media sweep never takes them for an orphan
 */
@ConfigurationProperties("reelsmith.media.s3")
public record S3Properties(String endpoint, String bucket, String region, String accessKey, String secretKey,
                           boolean pathStyle, boolean createBucket, DataSize multipartThreshold, DataSize partSize,
                           Duration refreshAfter) {

    public S3Properties {
        region = region == null || region.isBlank() ? "us-east-1" : region;
        multipartThreshold = multipartThreshold == null ? DataSize.ofMegabytes(16) : multipartThreshold;
        partSize = partSize == null ? DataSize.ofMegabytes(8) : partSize;
        refreshAfter = refreshAfter == null ? Duration.ofMinutes(10) : refreshAfter;
        if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()) {
            throw new IllegalArgumentException("S3 multipart parts must be at least 5 MB, not " + partSize);
        }
    }

    public S3Properties requireBucket() {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("MEDIA_STORE=s3 needs S3_BUCKET");
        }
        return this;
    }
}
