package com.reelsmith.platform.brand;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** Where a client's brand guidelines are read, for the gateway and the workers alike. */
public class BrandBook {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public BrandBook(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public BrandGuidelines of(UUID clientId) {
        return jdbc.sql("select brand_guidelines::text from clients where id = :id").param("id", clientId)
                .query(String.class).optional().map(this::read).orElse(BrandGuidelines.NONE);
    }

    /** Guidelines already read with another row ({@code clients.brand_guidelines::text}; null: none). */
    public BrandGuidelines read(String guidelinesJson) {
        return guidelinesJson == null ? BrandGuidelines.NONE : BrandGuidelines.from(json.readTree(guidelinesJson));
    }
}
