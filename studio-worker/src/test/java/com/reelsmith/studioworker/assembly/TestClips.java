package com.reelsmith.studioworker.assembly;

import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ReferenceImage;
import com.reelsmith.provider.VideoRequest;
import com.reelsmith.provider.local.LocalImageGenerator;
import com.reelsmith.provider.local.LocalSettings;
import com.reelsmith.provider.local.LocalVideoGenerator;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;

/** Real H.264 clips from the project's own offline provider, as the production's scenes would be. */
final class TestClips {

    private TestClips() {
    }

    /** A clip at the local provider's defaults (640 wide, 24 fps), from a keyframe drawn for {@code prompt}. */
    static Path clip(Path dir, String prompt, String ratio, int seconds) throws Exception {
        LocalSettings settings = LocalSettings.defaults();
        byte[] keyframe = new LocalImageGenerator(settings)
                .generateImage(new ImageRequest(UUID.randomUUID(), prompt, List.of(), ratio, "png", prompt.hashCode()))
                .bytes();
        byte[] mp4 = new LocalVideoGenerator(settings).generateVideo(new VideoRequest(UUID.randomUUID(), prompt,
                new ReferenceImage(keyframe, "image/png"), seconds, "standard", null, ratio)).bytes();
        Path file = dir.resolve(prompt.replaceAll("\\W+", "-") + "-" + seconds + "s.mp4");
        Files.write(file, mp4);
        return file;
    }

    /** A logo: a yellow disc with a dark ring on a transparent square, as PNG bytes. */
    static byte[] logo() throws Exception {
        BufferedImage image = new BufferedImage(400, 400, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x22, 0x22, 0x22));
        g.fillOval(20, 20, 360, 360);
        g.setColor(new Color(0xFF, 0xD6, 0x00));
        g.fillOval(60, 60, 280, 280);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
