package dev.wasmlet.cli;

import dev.wasmlet.spin.KeyValueStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wasmlet kv}: an app's key-value stores on a server, the same data its components read
 * through Spin's key-value interfaces; with {@code --local} (or {@code --data-dir}, {@code
 * --runtime-config-file}) the stores of {@code wasmlet up} on this machine, opened directly.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "kv",
    description =
        "Read and change an app's key-value stores (Spin's key_value_stores) on a server, or"
            + " with --local / --data-dir those of `wasmlet up` on this machine.",
    subcommands = {
      KvCommand.Get.class,
      KvCommand.Set.class,
      KvCommand.Delete.class,
      KvCommand.ListKeys.class
    })
final class KvCommand {
  /** APP and STORE, the first two arguments of every kv command. */
  static final class StoreRef {
    @Parameters(
        index = "0",
        paramLabel = "APP",
        description =
            "The app's name; in local mode its directory or manifest, as for `wasmlet up`.")
    String app;

    @Parameters(index = "1", paramLabel = "STORE", description = "The store's label, e.g. default.")
    String store;
  }

  /** {@code wasmlet kv get APP STORE KEY}: the value's bytes on stdout. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "get",
      description = "Print a value (its bytes as they are); exit 6 when the key is absent.")
  static final class Get extends ClientCommand {
    @Mixin StoreRef at;

    @Mixin LocalData local;

    @Parameters(index = "2", paramLabel = "KEY", description = "The key.")
    String key;

    @Override
    int run() {
      Optional<byte[]> v =
          local.enabled(options)
              ? local.keyValue(at.app, at.store, s -> s.get(key))
              : client().value(at.app, at.store, key);
      if (v.isEmpty()) {
        throw new CliFailure(
            ExitCodes.REFUSED,
            "store \"" + at.store + "\" of " + at.app + " has no key \"" + key + "\"",
            null);
      }
      if (json()) {
        var doc = JSON.createObjectNode();
        doc.put("key", key);
        doc.put("value", new String(v.get(), StandardCharsets.UTF_8));
        printJson(doc);
      } else {
        out().print(new String(v.get(), StandardCharsets.UTF_8));
        out().flush();
      }
      return ExitCodes.OK;
    }
  }

  /** {@code wasmlet kv set APP STORE KEY [VALUE | --stdin]}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "set",
      description = "Set a value, given as an argument or read from stdin (--stdin, any bytes).")
  static final class Set extends ClientCommand {
    @Mixin StoreRef at;

    @Mixin LocalData local;

    @Parameters(index = "2", paramLabel = "KEY", description = "The key.")
    String key;

    @Parameters(
        index = "3",
        arity = "0..1",
        paramLabel = "VALUE",
        description = "The value (UTF-8).")
    String value;

    @Option(names = "--stdin", description = "Read the value's bytes from stdin.")
    boolean stdin;

    @Override
    int run() {
      if (stdin == (value != null)) {
        throw new CliFailure(
            ExitCodes.USAGE, "give the value as an argument or with --stdin", null);
      }
      byte[] bytes;
      try {
        bytes = stdin ? System.in.readNBytes(16 << 20) : value.getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliFailure(ExitCodes.USAGE, "cannot read stdin: " + e.getMessage(), e);
      }
      if (local.enabled(options)) {
        local.keyValue(
            at.app,
            at.store,
            s -> {
              s.set(key, bytes);
              return null;
            });
      } else {
        client().setValue(at.app, at.store, key, bytes);
      }
      out()
          .println(
              "set "
                  + key
                  + " in store "
                  + at.store
                  + " of "
                  + at.app
                  + " ("
                  + bytes.length
                  + " bytes)");
      return ExitCodes.OK;
    }
  }

  /** {@code wasmlet kv delete APP STORE KEY}. */
  @Command(mixinStandardHelpOptions = true, name = "delete", description = "Delete a key.")
  static final class Delete extends ClientCommand {
    @Mixin StoreRef at;

    @Mixin LocalData local;

    @Parameters(index = "2", paramLabel = "KEY", description = "The key.")
    String key;

    @Override
    int run() {
      if (local.enabled(options)) {
        local.keyValue(
            at.app,
            at.store,
            s -> {
              s.delete(key);
              return null;
            });
      } else {
        client().deleteValue(at.app, at.store, key);
      }
      out().println("deleted " + key + " from store " + at.store + " of " + at.app);
      return ExitCodes.OK;
    }
  }

  /** {@code wasmlet kv list APP STORE}. */
  @Command(mixinStandardHelpOptions = true, name = "list", description = "List a store's keys.")
  static final class ListKeys extends ClientCommand {
    @Mixin StoreRef at;

    @Mixin LocalData local;

    @Override
    int run() {
      List<String> keys =
          local.enabled(options)
              ? local.keyValue(at.app, at.store, KeyValueStore::keys)
              : client().keys(at.app, at.store);
      if (json()) {
        var doc = JSON.createObjectNode();
        keys.forEach(doc.putArray("keys")::add);
        printJson(doc);
      } else {
        keys.forEach(out()::println);
      }
      return ExitCodes.OK;
    }
  }
}
