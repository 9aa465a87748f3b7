// Require hook for the rehearsal's plug-ins and tools: transpiles the project's TypeScript on load
// with swc (no type-check; `npm run build` type-checks), so a plug-in starts in well under a second.
const fs = require("fs");
const { transformSync } = require("@swc/core");

require.extensions[".ts"] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, "utf8"), {
    filename,
    jsc: { target: "es2022", parser: { syntax: "typescript" } },
    module: { type: "commonjs" },
    sourceMaps: "inline",
  });
  module._compile(code, filename);
};
