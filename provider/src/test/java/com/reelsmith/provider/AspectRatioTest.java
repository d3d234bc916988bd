package com.reelsmith.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AspectRatioTest {

    @Test
    void everyAllowedRatioGivesEvenSidesWithTheRequestedLongSide() {
        for (String name : AspectRatio.ALLOWED) {
            String[] parts = name.split(":");
            double nominal = Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
            for (int longSide : new int[] {1024, 640, 160}) {
                int[] size = AspectRatio.parse(name).size(longSide);

                assertThat(size[0] % 2).as(name + " width at " + longSide).isZero();
                assertThat(size[1] % 2).as(name + " height at " + longSide).isZero();
                assertThat(Math.max(size[0], size[1])).as(name).isEqualTo(longSide);
                // rounding down to even moves the short side by at most 2 pixels
                assertThat((double) size[0] / size[1]).as(name + " at " + longSide)
                        .isCloseTo(nominal, within(nominal * 2.0 / Math.min(size[0], size[1]) + 1e-9));
            }
        }
    }

    @Test
    void wellKnownSizes() {
        assertThat(AspectRatio.parse("16:9").size(1024)).containsExactly(1024, 576);
        assertThat(AspectRatio.parse("9:16").size(640)).containsExactly(360, 640);
        assertThat(AspectRatio.parse("21:9").size(640)).containsExactly(640, 274);
        assertThat(AspectRatio.of(301, 200).size(301)).containsExactly(300, 200);
    }

    @Test
    void noRatioIsSquare() {
        assertThat(AspectRatio.parse(null)).isEqualTo(new AspectRatio(1, 1));
        assertThat(AspectRatio.parse(" ")).isEqualTo(new AspectRatio(1, 1));
    }

    @Test
    void anUnknownRatioIsRefusedNamingEveryAllowedOne() {
        assertThatThrownBy(() -> AspectRatio.parse("7:5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7:5")
                .hasMessageContainingAll(AspectRatio.ALLOWED.toArray(String[]::new));
        assertThatThrownBy(() -> AspectRatio.parse("match_input_image")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AspectRatio.of(0, 9)).isInstanceOf(IllegalArgumentException.class);
    }
}
