package dev.wasmlet.client;

import java.util.regex.Pattern;

/** The API's name rules, checked before a request is sent so the message can name the argument. */
public final class Names {
  private static final Pattern APP = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern VARIABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private Names() {}

  /**
   * Checks an app name.
   *
   * @throws RequestInvalid unless the name is 1-63 lowercase letters, digits and '-'
   */
  public static String app(String name) {
    if (!APP.matcher(name).matches()) {
      throw new RequestInvalid(
          "app name \""
              + name
              + "\" must be 1-63 lowercase letters, digits and '-', starting with a letter or"
              + " digit, e.g. hello-c");
    }
    return name;
  }

  /**
   * Checks a variable or secret name.
   *
   * @param kind {@code variable} or {@code secret}
   * @throws RequestInvalid unless the name is lowercase letters, digits and '_', starting with a
   *     letter
   */
  public static String variable(String kind, String name) {
    if (!VARIABLE.matcher(name).matches()) {
      throw new RequestInvalid(
          kind
              + " name \""
              + name
              + "\" must be 1-63 lowercase letters, digits and '_', starting with a letter, e.g."
              + " db_password");
    }
    return name;
  }
}
