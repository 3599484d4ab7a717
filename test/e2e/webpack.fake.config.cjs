// Bundles the strict fake Excel host (test/support/fake-excel) with the demo workbook for the
// browser: the end-to-end script serves it in place of office.js.
const path = require('path');

module.exports = {
  mode: 'production',
  entry: path.resolve(__dirname, 'fake-host.entry.ts'),
  output: { path: path.resolve(__dirname, '../../dist-e2e'), filename: 'fake-office.js', clean: true },
  resolve: { extensions: ['.ts', '.js'] },
  module: { rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true } } }] },
  performance: { hints: false },
  devtool: false,
};
