// Stands in for Node's 'fs' and 'path' in browser bundles: libheif-js' Emscripten glue requires
// them in its Node branch only, which never runs in a browser (see next.config.ts).
export {};
