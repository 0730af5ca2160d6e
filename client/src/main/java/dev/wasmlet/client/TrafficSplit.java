package dev.wasmlet.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Whole percents of an app's traffic by revision, adding up to 100. */
public record TrafficSplit(Map<Integer, Integer> percents) {
  public TrafficSplit {
    percents = Collections.unmodifiableMap(new LinkedHashMap<>(percents));
  }

  /**
   * Parses {@code REV=PERCENT} arguments, e.g. {@code 3=90 4=10}.
   *
   * @throws RequestInvalid naming the argument at fault and the expected form
   */
  public static TrafficSplit parse(List<String> args) {
    if (args.isEmpty()) {
      throw new RequestInvalid("give the split as REVISION=PERCENT arguments, e.g. 3=90 4=10");
    }
    Map<Integer, Integer> split = new LinkedHashMap<>();
    int sum = 0;
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 0) {
        throw new RequestInvalid(
            "\"" + a + "\" is not REVISION=PERCENT; write e.g. 3=90 4=10 (whole percents)");
      }
      int revision = number(a, a.substring(0, eq), "revision", 1, Integer.MAX_VALUE);
      int percent = number(a, a.substring(eq + 1), "percent", 0, 100);
      if (split.put(revision, percent) != null) {
        throw new RequestInvalid("revision " + revision + " is given twice; give each one once");
      }
      sum += percent;
    }
    if (sum != 100) {
      throw new RequestInvalid(
          "the percents add up to "
              + sum
              + ", not 100 ("
              + String.join(" ", args)
              + "); make them add up to 100, e.g. 3=90 4=10");
    }
    return new TrafficSplit(split);
  }

  private static int number(String arg, String text, String what, int min, int max) {
    try {
      int n = Integer.parseInt(text.strip());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new RequestInvalid(
          "in \""
              + arg
              + "\", the "
              + what
              + " \""
              + text
              + "\" must be a whole number "
              + (max == 100 ? "from 0 to 100" : "from 1 up")
              + ", e.g. 3=90");
    }
  }
}
