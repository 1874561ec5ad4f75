// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "data/", "coverage/", "src/server/public/vendor/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/server/public/**/*.js"],
    languageOptions: { globals: { window: "readonly", document: "readonly", fetch: "readonly", navigator: "readonly", URLSearchParams: "readonly", FormData: "readonly", console: "readonly" } },
  },
);
