// typst.js — the Typst peer for `make bench`: compiles IN.typ to OUT.pdf
// with the npm package @myriaddreamin/typst-ts-node-compiler, using only
// the fonts in FONTS_DIR (folio's bundled fonts).
// Usage: node typst.js IN.typ OUT.pdf FONTS_DIR
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [input, output, fonts] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node typst.js IN.typ OUT.pdf [FONTS_DIR]');
  process.exit(2);
}
const compiler = NodeCompiler.create({
  workspace: path.dirname(path.resolve(input)),
  fontArgs: fonts ? [{ fontPaths: [fonts] }] : [],
});
const pdf = compiler.pdf({ mainFilePath: path.resolve(input) });
fs.writeFileSync(output, pdf);
