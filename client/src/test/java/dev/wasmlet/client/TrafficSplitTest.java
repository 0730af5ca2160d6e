package dev.wasmlet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficSplitTest {
  @Test
  void wholePercentsAddingUpTo100ParseInOrder() {
    assertThat(TrafficSplit.parse(List.of("4=10", "3=90")).percents())
        .containsExactly(Map.entry(4, 10), Map.entry(3, 90));
    assertThat(TrafficSplit.parse(List.of("3=100", "4=0")).percents()).containsEntry(4, 0);
  }

  @Test
  void percentsThatDoNotAddUpTo100AreRefusedWithTheirSum() {
    assertThatThrownBy(() -> TrafficSplit.parse(List.of("3=80", "4=10")))
        .isInstanceOf(RequestInvalid.class)
        .hasMessage(
            "the percents add up to 90, not 100 (3=80 4=10); make them add up to 100, e.g. 3=90"
                + " 4=10");
  }

  @Test
  void malformedArgumentsNameTheArgument() {
    assertThatThrownBy(() -> TrafficSplit.parse(List.of("3:90")))
        .hasMessage("\"3:90\" is not REVISION=PERCENT; write e.g. 3=90 4=10 (whole percents)");
    assertThatThrownBy(() -> TrafficSplit.parse(List.of("3=12.5", "4=87.5")))
        .hasMessage(
            "in \"3=12.5\", the percent \"12.5\" must be a whole number from 0 to 100, e.g. 3=90");
    assertThatThrownBy(() -> TrafficSplit.parse(List.of("3=150")))
        .hasMessageContaining("the percent \"150\" must be a whole number from 0 to 100");
    assertThatThrownBy(() -> TrafficSplit.parse(List.of("v3=100")))
        .hasMessage(
            "in \"v3=100\", the revision \"v3\" must be a whole number from 1 up, e.g. 3=90");
    assertThatThrownBy(() -> TrafficSplit.parse(List.of("3=50", "3=50")))
        .hasMessage("revision 3 is given twice; give each one once");
    assertThatThrownBy(() -> TrafficSplit.parse(List.of()))
        .hasMessageContaining("REVISION=PERCENT");
  }
}
