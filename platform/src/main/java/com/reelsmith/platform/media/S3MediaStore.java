package com.reelsmith.platform.media;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Media in an S3-compatible bucket (AWS S3, MinIO, ...), under the same content-addressed keys as
 * the filesystem store, so instances on several machines share media without a shared volume.
 * <ul>
 *   <li>A PUT is atomic in S3: an object is visible only complete, and two writers of the same
 *       bytes write the same object. Large objects go up in parts and become visible only when
 *       the upload is completed; a failed upload is aborted (and the sweep aborts abandoned ones).
 *   <li>Bytes already there are not sent again (a HEAD first); old ones get their time refreshed
 *       by a server-side copy, as the filesystem store touches the file, for the media sweep.
 *   <li>Reads are ranged GETs: skipping on the stream before the first read becomes
 *       {@code Range: bytes=n-}, so the gateway serves an HTTP Range without fetching the start.
 * </ul>
 */
public class S3MediaStore implements MediaStore, AutoCloseable {

    /** What a listing says about one stored object (for the media sweep). */
    public record StoredObject(String key, long size, Instant lastModified) {
    }

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final long multipartThreshold;
    private final int partSize;
    private final Duration refreshAfter;

    S3MediaStore(S3Client s3, S3Presigner presigner, String bucket, long multipartThreshold, int partSize,
                 Duration refreshAfter) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
        this.refreshAfter = refreshAfter;
    }

    /** A store on the configured bucket; makes the bucket when it is missing and S3_CREATE_BUCKET is on. */
    public static S3MediaStore connect(S3Properties properties) {
        properties.requireBucket();
        AwsCredentialsProvider credentials = properties.accessKey() == null || properties.accessKey().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()));
        var client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(properties.pathStyle())
                // the SDK's default trailing CRC checksums (2.30+) are refused by many S3-compatible
                // servers; send and check checksums only where the operation requires them
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presigner = S3Presigner.builder().region(Region.of(properties.region())).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(properties.pathStyle()).build());
        if (properties.endpoint() != null && !properties.endpoint().isBlank()) {
            client.endpointOverride(URI.create(properties.endpoint()));
            presigner.endpointOverride(URI.create(properties.endpoint()));
        }
        var store = new S3MediaStore(client.build(), presigner.build(), properties.bucket(),
                properties.multipartThreshold().toBytes(), Math.toIntExact(properties.partSize().toBytes()),
                properties.refreshAfter());
        if (properties.createBucket()) {
            store.createBucketIfMissing();
        }
        return store;
    }

    void createBucketIfMissing() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (S3Exception raced) {
                if (raced.statusCode() != 409) { // another instance made it first
                    throw raced;
                }
            }
        }
    }

    @Override
    public StoredMedia put(byte[] bytes, String contentType) {
        String sha256 = ContentKeys.sha256(bytes);
        String key = ContentKeys.keyOf(sha256, contentType);
        Optional<HeadObjectResponse> existing = head(key);
        if (existing.isPresent() && existing.get().contentLength() == bytes.length) {
            if (existing.get().lastModified().isBefore(Instant.now().minus(refreshAfter))) {
                refresh(key, contentType);
            }
        } else if (bytes.length >= multipartThreshold) {
            putInParts(key, bytes, contentType);
        } else {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength((long) bytes.length),
                    RequestBody.fromBytes(bytes));
        }
        return new StoredMedia(key, sha256, bytes.length);
    }

    /** Copies the object onto itself: the same bytes, a new time. */
    private void refresh(String key, String contentType) {
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(key)
                .metadataDirective(MetadataDirective.REPLACE).contentType(contentType));
    }

    private void putInParts(String key, byte[] bytes, String contentType) {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int offset = 0, number = 1; offset < bytes.length; offset += partSize, number++) {
                int length = Math.min(partSize, bytes.length - offset);
                int partNumber = number;
                String eTag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                                .contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(bytes, offset, length), length)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed); // the sweep aborts it later
            }
            throw e;
        }
    }

    @Override
    public Resource get(String key) {
        return new S3Resource(checked(key));
    }

    @Override
    public boolean delete(String key) {
        if (head(checked(key)).isEmpty()) {
            return false;
        }
        s3.deleteObject(r -> r.bucket(bucket).key(key));
        return true;
    }

    /**
     * A time-limited GET link straight to the bucket, answering with {@code contentType}: for
     * deployments whose clients can reach the bucket (the gateway's signed links stream through it).
     */
    public URI presignedLink(String key, Duration ttl, String contentType) {
        String checkedKey = checked(key);
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(checkedKey).responseContentType(contentType)))
                .url().toString());
    }

    /** Every stored object last written before {@code cutoff} (for the media sweep), lazily listed. */
    public Stream<StoredObject> storedBefore(Instant cutoff) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .filter(o -> ContentKeys.isStoredKey(o.key()) && o.lastModified().isBefore(cutoff))
                .map(o -> new StoredObject(o.key(), o.size(), o.lastModified()));
    }

    /** Deletes the object unless it was written (or refreshed) since {@code cutoff}; its size, or -1 when kept or gone. */
    public long deleteIfUnchangedSince(String key, Instant cutoff) {
        var current = head(checked(key));
        if (current.isEmpty() || !current.get().lastModified().isBefore(cutoff)) {
            return -1;
        }
        s3.deleteObject(r -> r.bucket(bucket).key(key));
        return current.get().contentLength();
    }

    /**
     * Aborts multipart uploads begun before {@code cutoff} and never completed (the process died
     * mid-upload): S3's counterpart of the filesystem store's leftover temp files. Their parts are
     * invisible but billed until aborted.
     */
    public int abortUploadsBegunBefore(Instant cutoff) {
        int aborted = 0;
        for (var upload : s3.listMultipartUploadsPaginator(r -> r.bucket(bucket)).uploads()) {
            if (upload.initiated().isBefore(cutoff)) {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                aborted++;
            }
        }
        return aborted;
    }

    public String bucket() {
        return bucket;
    }

    S3Client client() {
        return s3;
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(key)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Keys are relative names; one that climbs or is absolute is a bug or an attack, as in the filesystem store. */
    private static String checked(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.contains("\\") || List.of(key.split("/")).contains("..")) {
            throw new IllegalArgumentException("media key escapes the store: " + key);
        }
        return key;
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    /** One object as a Resource: metadata from one HEAD, bytes from ranged GETs. */
    private final class S3Resource extends AbstractResource {

        private final String key;
        private HeadObjectResponse head;

        S3Resource(String key) {
            this.key = key;
        }

        private HeadObjectResponse head() throws FileNotFoundException {
            if (head == null) {
                head = S3MediaStore.this.head(key).orElseThrow(() -> new FileNotFoundException(getDescription() + " does not exist"));
            }
            return head;
        }

        @Override
        public boolean exists() {
            try {
                head();
                return true;
            } catch (FileNotFoundException e) {
                return false;
            }
        }

        @Override
        public long contentLength() throws IOException {
            return head().contentLength();
        }

        @Override
        public long lastModified() throws IOException {
            return head().lastModified().toEpochMilli();
        }

        @Override
        public InputStream getInputStream() {
            return new RangedObjectStream(key);
        }

        @Override
        public String getFilename() {
            return key.substring(key.lastIndexOf('/') + 1);
        }

        @Override
        public String getDescription() {
            return "s3://" + bucket + "/" + key;
        }
    }

    /**
     * The object's bytes from wherever the reader skipped to before its first read: Spring serves
     * an HTTP Range by skipping to its start and copying its length, so only that much is fetched.
     * Closing before the end drops the connection rather than draining the rest of a video.
     */
    private final class RangedObjectStream extends InputStream {

        private final String key;
        private long position;
        private ResponseInputStream<GetObjectResponse> body;
        private boolean beyondEnd;
        private boolean ended;

        RangedObjectStream(String key) {
            this.key = key;
        }

        private InputStream body() throws IOException {
            if (body == null && !beyondEnd) {
                try {
                    body = s3.getObject(r -> r.bucket(bucket).key(key).range(position > 0 ? "bytes=" + position + "-" : null));
                } catch (S3Exception e) {
                    if (e.statusCode() == 404) {
                        throw new FileNotFoundException("s3://" + bucket + "/" + key + " does not exist");
                    }
                    if (e.statusCode() == 416) { // skipped past the end: nothing to read
                        beyondEnd = true;
                    } else {
                        throw new IOException("cannot read s3://" + bucket + "/" + key, e);
                    }
                }
            }
            return beyondEnd ? InputStream.nullInputStream() : body;
        }

        @Override
        public long skip(long n) throws IOException {
            if (body == null && n > 0) {
                position += n;
                return n;
            }
            return body().skip(n);
        }

        @Override
        public int read() throws IOException {
            int b = body().read();
            ended = b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body().read(buffer, offset, length);
            ended = n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (body != null) {
                if (!ended) {
                    body.abort();
                }
                body.close();
            }
        }
    }
}
