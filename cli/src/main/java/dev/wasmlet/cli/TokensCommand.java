package dev.wasmlet.cli;

import dev.wasmlet.client.NewToken;
import dev.wasmlet.client.TokenInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wasmlet tokens}: the admin API's bearer tokens. */
@Command(
    mixinStandardHelpOptions = true,
    name = "tokens",
    description = "Create, list and revoke admin API tokens.",
    subcommands = {
      TokensCommand.CreateToken.class,
      TokensCommand.ListTokens.class,
      TokensCommand.RevokeToken.class
    })
final class TokensCommand {
  /** {@code wasmlet tokens create NAME}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "create",
      description = "Create a token; it is shown once, store it now (e.g. in a CI secret).")
  static final class CreateToken extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "What it is for, e.g. ci.")
    String name;

    @Override
    int run() {
      NewToken t = client().createToken(name);
      if (json()) {
        var doc = JSON.createObjectNode();
        doc.put("id", t.id());
        doc.put("name", t.name());
        doc.put("token", t.token());
        printJson(doc);
      } else {
        err().println("token " + t.name() + " (id " + t.id() + ") created; shown only this once:");
        err().flush();
        out().println(t.token());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code wasmlet tokens list}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List tokens by id and name (never their values).")
  static final class ListTokens extends ClientCommand {
    @Override
    int run() {
      List<TokenInfo> tokens = client().tokens();
      if (json()) {
        var doc = JSON.createObjectNode();
        var list = doc.putArray("tokens");
        tokens.forEach(t -> list.add(t.json()));
        printJson(doc);
        return ExitCodes.OK;
      }
      Table t = new Table("ID", "NAME", "CREATED", "REVOKED");
      for (TokenInfo i : tokens) {
        t.row(i.id(), i.name(), Times.ago(i.createdAt()), i.revoked() ? "yes" : "no");
      }
      t.print(out());
      return ExitCodes.OK;
    }
  }

  /** {@code wasmlet tokens revoke ID}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "revoke",
      description = "Revoke a token: later calls with it get 401.")
  static final class RevokeToken extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The token's id (see tokens list).")
    String id;

    @Override
    int run() {
      client().revokeToken(id);
      if (json()) {
        var doc = JSON.createObjectNode();
        doc.put("revoked", id);
        printJson(doc);
      } else {
        out().println("token " + id + " revoked");
      }
      return ExitCodes.OK;
    }
  }
}
