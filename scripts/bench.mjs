// npm run bench [section …]: builds the weapp and H5 apps when stale (for the size figures), then runs tests/bench.
import { ROOT, run, buildTaro } from './lib.mjs';

buildTaro('weapp');
buildTaro('h5');
run(`${ROOT}/node_modules/.bin/tsx`, ['tests/bench/run.ts', ...process.argv.slice(2)]);
