// Runs the product in a worker thread (see product-host.ts): TypeScript compiled on the fly, as `npm start` does.
require('@swc-node/register');
require('./product-worker-main.ts');
