package com.reelsmith.platform.media;

import com.reelsmith.testing.S3Server;
import java.util.List;
import java.util.UUID;
import org.springframework.util.unit.DataSize;

/** The media store contract on the S3 store, against a real S3 server (s3proxy, its own process). */
class S3MediaStoreContractTest extends MediaStoreContract {

    static S3MediaStore connect(String bucket) {
        var server = S3Server.shared();
        return S3MediaStore.connect(new S3Properties(server.endpoint(), bucket, S3Server.REGION,
                S3Server.ACCESS_KEY, S3Server.SECRET_KEY, true, true,
                DataSize.ofMegabytes(5), DataSize.ofMegabytes(5), null));
    }

    @Override
    MediaStore newStore() {
        return connect("contract-" + UUID.randomUUID());
    }

    @Override
    List<String> storedKeys() {
        var s3 = ((S3MediaStore) store).client();
        return s3.listObjectsV2Paginator(r -> r.bucket(((S3MediaStore) store).bucket())).contents().stream()
                .map(o -> o.key())
                .filter(key -> !key.endsWith("/")) // s3proxy's filesystem backend lists its folders as objects
                .toList();
    }
}
