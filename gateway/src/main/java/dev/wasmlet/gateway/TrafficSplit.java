package dev.wasmlet.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How an app's requests are shared among its revisions, in whole percents that sum to 100. Picking
 * is one random draw and a walk over at most a few entries.
 */
public final class TrafficSplit {
  /** A revision and its share of the traffic. */
  public record Share(ServedRevision revision, int percent) {}

  private final List<Share> shares;
  private final int[] upTo;

  private TrafficSplit(List<Share> shares) {
    this.shares = List.copyOf(shares);
    this.upTo = new int[shares.size()];
    int sum = 0;
    for (int i = 0; i < shares.size(); i++) {
      sum += shares.get(i).percent();
      upTo[i] = sum;
    }
  }

  /** All traffic to one revision. */
  public static TrafficSplit all(ServedRevision revision) {
    return new TrafficSplit(List.of(new Share(revision, 100)));
  }

  /**
   * @throws IllegalArgumentException when a percent is outside 0..100 or they do not sum to 100
   */
  public static TrafficSplit of(List<Share> shares) {
    int sum = 0;
    List<Share> kept = new ArrayList<>();
    for (Share s : shares) {
      if (s.percent() < 0 || s.percent() > 100) {
        throw new IllegalArgumentException(
            "revision " + s.revision().number() + ": percent " + s.percent() + " not in 0..100");
      }
      sum += s.percent();
      if (s.percent() > 0) {
        kept.add(s);
      }
    }
    if (sum != 100) {
      throw new IllegalArgumentException("traffic percents sum to " + sum + ", not 100");
    }
    return new TrafficSplit(kept);
  }

  public List<Share> shares() {
    return shares;
  }

  public boolean contains(ServedRevision r) {
    return shares.stream().anyMatch(s -> s.revision() == r);
  }

  ServedRevision pick() {
    if (upTo.length == 1) {
      return shares.get(0).revision();
    }
    int draw = ThreadLocalRandom.current().nextInt(100);
    for (int i = 0; i < upTo.length; i++) {
      if (draw < upTo[i]) {
        return shares.get(i).revision();
      }
    }
    return shares.get(shares.size() - 1).revision();
  }
}
