package com.reelsmith.gateway.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Someone must be able to make the first client. With ADMIN_API_KEY set, that key is the admin;
 * otherwise, on the very first start (no admin key stored), one is made and printed once.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AuthProperties properties;
    private final ApiKeyIssuer issuer;
    private final ApiKeyStore keys;
    private final TransactionTemplate transaction;

    AdminBootstrap(AuthProperties properties, ApiKeyIssuer issuer, ApiKeyStore keys, TransactionTemplate transaction) {
        this.properties = properties;
        this.issuer = issuer;
        this.keys = keys;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.adminApiKey() != null && !properties.adminApiKey().isBlank()) {
            log.info("admin access: the key in ADMIN_API_KEY");
            return;
        }
        String created = transaction.execute(status -> {
            keys.lockAdminBootstrap();
            return keys.anyActiveAdmin() ? null : issuer.issue(null, "admin", "bootstrap admin").apiKey();
        });
        if (created != null) {
            // printed once, on purpose: it is the only way to learn a generated admin key
            System.out.println("""

                    ================================================================
                    Reelsmith made an admin API key (shown once, keep it safe):
                      %s
                    Set ADMIN_API_KEY to choose your own instead.
                    ================================================================
                    """.formatted(created));
            log.warn("no admin key existed: one was generated and printed once to standard output");
        }
    }
}
