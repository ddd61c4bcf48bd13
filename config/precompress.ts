import zlib from 'node:zlib';
import type { Compiler } from 'webpack';

/**
 * H5 only: writes a Brotli (best quality) and a gzip copy beside every JS and CSS file, once at build time,
 * for the host to send as they are (@fastify/static `preCompressed`). On a slow link every kilobyte is
 * time; compressing per request uses a fast, larger setting.
 */
export class PrecompressPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'PrecompressPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, (assets) => {
        for (const [name, source] of Object.entries(assets)) {
          if (!/\.(js|css)$/.test(name)) continue;
          const buf = Buffer.from(source.buffer());
          if (buf.length < 1024) continue;
          const br = zlib.brotliCompressSync(buf, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
          });
          compilation.emitAsset(`${name}.br`, new sources.RawSource(br));
          compilation.emitAsset(`${name}.gz`, new sources.RawSource(zlib.gzipSync(buf, { level: 9 })));
        }
      });
    });
  }
}
