package com.reelsmith.studioworker.assembly;

/**
 * The brand's look: colors as {@code #RRGGBB} (null for the defaults), a font family (null or not
 * installed: the bundled DejaVu Sans Bold) and the logo's PNG or JPEG bytes (null: no end card logo).
 */
public record AdLook(String primaryColor, String textColor, String fontFamily, byte[] logo) {

    public static AdLook plain() {
        return new AdLook(null, null, null, null);
    }
}
