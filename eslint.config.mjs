// ESLint: typescript-eslint's recommended rules over the whole repository, and, where Pulumi programs
// build strings from resource outputs (the programs and their components), @pulumi/eslint-plugin's
// rules against an Output in a plain template literal (it renders as a warning text, not the value).
// Those two rules need type information, which costs a TypeScript program build: they run on those
// folders only.
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    // test/fixtures/syntax-error is a program with a syntax error on purpose (the check must report it).
    { ignores: ["node_modules/", "**/node_modules/", "bin/", "**/*.d.ts", "test/fixtures/syntax-error/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ["**/*.js", "**/*.cjs"],
        languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", Buffer: "readonly", console: "readonly" } },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        files: ["index.ts", "infra/**/*.ts", "bootstrap/**/*.ts"],
        plugins: { "@pulumi": pulumi },
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
        },
    },
);
