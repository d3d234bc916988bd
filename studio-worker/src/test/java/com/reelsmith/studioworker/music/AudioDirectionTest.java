package com.reelsmith.studioworker.music;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("no-broker")
class AudioDirectionTest {

    @Test
    void aTempoWrittenInTheDirectionWinsOverTheMoodsDefault() {
        var d = AudioDirection.from("upbeat electronic, 120 bpm", "bold");

        assertThat(d.mood()).isEqualTo("upbeat");
        assertThat(d.tempoBpm()).isEqualTo(120);
        assertThat(d.text()).isEqualTo("upbeat electronic, 120 bpm");
    }

    @Test
    void theMoodComesFromTheDirectionFirstAndTheToneSecond() {
        assertThat(AudioDirection.from("soft piano", "energetic").mood()).isEqualTo("calm");
        assertThat(AudioDirection.from("something nice", "dark and tense").mood()).isEqualTo("dramatic");
        assertThat(AudioDirection.from("whimsical ukulele", null).mood()).isEqualTo("playful");
        assertThat(AudioDirection.from("dark epic", null).minor()).isTrue();
        assertThat(AudioDirection.from("calm", null).tempoBpm()).isLessThan(AudioDirection.from("upbeat", null).tempoBpm());
    }

    @Test
    void nothingAtAllIsAMidTempoCorporateBedAndTemposAreKeptPlayable() {
        var none = AudioDirection.from(null, null);

        assertThat(none.mood()).isEqualTo("corporate");
        assertThat(none.tempoBpm()).isBetween(90, 120);
        assertThat(none.text()).isNotBlank();
        assertThat(AudioDirection.from("900 bpm madness", null).tempoBpm()).isEqualTo(180);
        assertThat(AudioDirection.from("slow 20 bpm drone", null).tempoBpm()).isEqualTo(60);
    }
}
