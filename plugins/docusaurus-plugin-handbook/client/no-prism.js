// Replaces the classic theme's prism-include-languages client module: src/theme/CodeBlock registers the languages
// in the chunk that highlights code (see ../lazy-prism.ts).
export {};
