package com.reelsmith.studioworker.assembly;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The look resolved to things Java2D draws with: a band color, a text color that reads on it and a
 * font. Missing or malformed colors fall back to a near-black band with white text; a font family
 * that is not installed falls back to the bundled DejaVu Sans Bold, so a bare machine renders the same.
 */
record BrandStyle(Color primary, Color text, Color outline, Font font) {

    private static final Logger log = LoggerFactory.getLogger(BrandStyle.class);
    private static final Pattern HEX = Pattern.compile("#?[0-9a-fA-F]{6}");
    private static final Color DEFAULT_PRIMARY = new Color(0x14, 0x14, 0x18);
    static final String BUNDLED_FONT = "/fonts/DejaVuSans-Bold.ttf";

    static BrandStyle of(AdLook look) {
        Color primary = color(look.primaryColor(), DEFAULT_PRIMARY);
        Color readable = luminance(primary) > 0.45 ? Color.BLACK : Color.WHITE;
        Color text = color(look.textColor(), readable);
        // a brand text color too close to its own band still has to be read: use the readable one
        if (contrast(text, primary) < 2.5) {
            text = readable;
        }
        Color outline = luminance(text) > 0.45 ? new Color(0, 0, 0, 190) : new Color(255, 255, 255, 190);
        return new BrandStyle(primary, text, outline, font(look.fontFamily()));
    }

    static Color color(String hex, Color otherwise) {
        if (hex == null || !HEX.matcher(hex.strip()).matches()) {
            return otherwise;
        }
        return new Color(Integer.parseInt(hex.strip().replace("#", ""), 16));
    }

    static Font font(String family) {
        if (family != null && !family.isBlank() && installedFamilies().contains(family.strip().toLowerCase(Locale.ROOT))) {
            return new Font(family.strip(), Font.BOLD, 1);
        }
        return bundledFont();
    }

    static Font bundledFont() {
        return BundledFont.FONT;
    }

    /** Read once: createFont copies the stream to a temp file each time it is called. */
    private static final class BundledFont {
        static final Font FONT = load();
    }

    private static Font load() {
        try (InputStream in = BrandStyle.class.getResourceAsStream(BUNDLED_FONT)) {
            if (in == null) {
                throw new AssemblyException("the bundled font " + BUNDLED_FONT + " is missing from the jar");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | FontFormatException e) {
            throw new AssemblyException("the bundled font " + BUNDLED_FONT + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Set<String> installedFamilies() {
        try {
            return Arrays.stream(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT))
                    .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        } catch (RuntimeException | Error e) {
            // no fontconfig on a minimal image: the bundled font is the answer anyway
            log.debug("installed fonts cannot be listed: {}", e.toString());
            return Set.of();
        }
    }

    /** Relative luminance per WCAG 2. */
    static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
