// Bundles src/index.js into dist.js for j2w (ComponentizeJS); the Spin SDK plugin leaves the
// fermyon:spin/* and wasi:* imports external, for the component's imports.
const path = require("path");
const SpinSdkPlugin = require("@fermyon/spin-sdk/plugins/webpack");

module.exports = {
  entry: "./src/index.js",
  experiments: { outputModule: true },
  output: {
    path: path.resolve(process.env.SPIN_JS_OUT || __dirname),
    filename: "dist.js",
    module: true,
    library: { type: "module" },
  },
  plugins: [new SpinSdkPlugin()],
  optimization: { minimize: false },
  mode: "production",
};
