import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['{app,components,db,lib,ops,scripts,server,test}/**/*.test.{ts,tsx}'],
    environment: 'node',
    passWithNoTests: false,
  },
});
