package com.reelsmith.platform;

import com.reelsmith.platform.media.FileSystemMediaStore;
import com.reelsmith.platform.media.MediaLinkSigner;
import com.reelsmith.platform.media.MediaProperties;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.platform.media.S3MediaStore;
import com.reelsmith.platform.media.S3Properties;
import com.reelsmith.platform.pricing.CampaignBudget;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.platform.schema.SchemaProperties;
import com.reelsmith.platform.schema.SchemaStartup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** What every service gets by depending on the platform module. */
@AutoConfiguration
@EnableConfigurationProperties({SchemaProperties.class, MediaProperties.class, S3Properties.class, PriceTable.class})
public class PlatformConfiguration {

    @Bean
    FlywayMigrationStrategy schemaStartup(SchemaProperties schema, DataSourceProperties dataSource) {
        return new SchemaStartup(schema, dataSource);
    }

    @Bean
    CampaignBudget campaignBudget(JdbcClient jdbc, TransactionTemplate transaction) {
        return new CampaignBudget(jdbc, transaction);
    }

    @Bean
    MediaStore mediaStore(MediaProperties media, S3Properties s3) {
        return media.s3() ? S3MediaStore.connect(s3) : new FileSystemMediaStore(media.dir());
    }

    @Bean
    MediaLinkSigner mediaLinkSigner(JdbcClient jdbc, @Value("${reelsmith.media.signing-key:}") String configured) {
        return MediaLinkSigner.from(jdbc, configured);
    }
}
