// Type stand-in for the build's `virtual:i18n/<eager|lazy>/<lang>` modules (see vite.config.ts);
// tsconfig maps those ids here. At run time Vite serves the real tables.
const table: Record<string, unknown> = {};
export default table;
