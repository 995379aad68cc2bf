package dev.crudjt.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class FigureTests {

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        Figure figure = Figure.of("x", "seconds", 4, 1, 3, 2);

        assertThat(figure.median()).isEqualTo(2.5);
        assertThat(figure.min()).isEqualTo(1);
        assertThat(figure.max()).isEqualTo(4);
    }

    @Test
    void medianOfAnOddCountIsTheMiddleSample() {
        Figure figure = Figure.of("x", "seconds", 9, 1, 5);

        assertThat(figure.median()).isEqualTo(5);
    }

    @Test
    void noSampleIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Figure.of("x", "seconds"))
                .withMessage("'samples' of figure 'x' is empty");
    }
}
