package com.reelsmith.gateway.brand;

import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.brand.BrandBook;
import com.reelsmith.platform.brand.BrandGuidelines;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Where text that becomes a prompt enters the API (a generate request, a brief, a scene edit,
 * feedback), it is held to the client's brand: a banned word is a 422 naming the word and the
 * field. The guidelines returned are then applied to the prompts sent.
 */
@Component
public class BrandRules {

    private final BrandBook book;

    BrandRules(BrandBook book) {
        this.book = book;
    }

    /** The client's guidelines, once {@code fields} (name to text) are found free of banned words. */
    public BrandGuidelines allowed(UUID clientId, Map<String, String> fields) {
        return allowed(book.of(clientId), fields);
    }

    /** As above, for guidelines read with the campaign ({@code CampaignAccess.forNewWorkWithBrand}). */
    public BrandGuidelines allowed(String guidelinesJson, Map<String, String> fields) {
        return allowed(book.read(guidelinesJson), fields);
    }

    private static BrandGuidelines allowed(BrandGuidelines brand, Map<String, String> fields) {
        brand.firstBanned(fields).ifPresent(banned -> {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "banned_word", banned.message(), banned.field());
        });
        return brand;
    }
}
