/** Baseline for serving an image: bare node:http answering the same bytes from memory, same headers. Prints its port. */
import http from 'node:http';
import { pngImage } from '../support/images';

const bytes = pngImage(Number(process.argv[2] || 1280), Number(process.argv[3] || 720), 1);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length, 'cache-control': 'public, max-age=31536000, immutable' });
    res.end(bytes);
  });
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`PORT=${typeof a === 'object' && a ? a.port : 0}`);
});
