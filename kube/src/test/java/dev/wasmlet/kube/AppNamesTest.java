package dev.wasmlet.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppNamesTest {
  private static final String EXECUTOR_NAME = "[a-z0-9][a-z0-9-]{0,62}";

  @Test
  void namesAreReadableAndDifferAcrossNamespacesThatLookAlikeWhenJoined() {
    String a = AppNames.onExecutor("a-b", "c");
    String b = AppNames.onExecutor("a", "b-c");
    assertThat(a).startsWith("c-").matches(EXECUTOR_NAME);
    assertThat(b).startsWith("b-c-").matches(EXECUTOR_NAME);
    assertThat(AppNames.onExecutor("team", "shop"))
        .isNotEqualTo(AppNames.onExecutor("ops", "shop"));
    assertThat(AppNames.onExecutor("team", "shop")).isEqualTo(AppNames.onExecutor("team", "shop"));
  }

  @Test
  void dotsAndLongNamesFitTheExecutorsNameRules() {
    String dotted = AppNames.onExecutor("ns", "api.v2.example");
    assertThat(dotted).startsWith("api-v2-example-").matches(EXECUTOR_NAME);
    String longName = "x".repeat(44) + "-" + "y".repeat(200);
    assertThat(AppNames.onExecutor("ns", longName))
        .matches(EXECUTOR_NAME)
        .hasSize(44 + 1 + 10); // cut to 45, its trailing dash dropped
    assertThat(AppNames.onExecutor("ns", "a" + ".".repeat(60)))
        .as("trailing dashes are cut before the hash")
        .matches("a-[0-9a-f]{10}");
  }

  @Test
  void hostsAreTheSpecsThenTheServicesWithoutDuplicates() {
    assertThat(AppNames.hosts("team", "shop", List.of("shop.example.com", "shop.team")))
        .containsExactly(
            "shop.example.com", "shop.team", "shop.team.svc.cluster.local", "shop.team.svc");
    assertThat(AppNames.hosts("team", "shop", null))
        .containsExactly("shop.team.svc.cluster.local", "shop.team.svc", "shop.team");
  }
}
