import fc from 'fast-check';
import { unzipIssueFiles, ZipError } from '../../cloud/features/magazine/zip';
import { zipOf } from '../support/zip';

const valid = zipOf([
  { name: '2027-01/issue.json', text: '{"year": 2027}' },
  { name: '2027-01/01-a.md', text: '---\ntitle: 标题\n---\n\n正文'.repeat(20) },
  { name: '2027-01/cover.png', text: 'not wanted' },
]);

test('a zip as ordinary tools write it gives its issue files, others left out', () => {
  expect(unzipIssueFiles(valid).map((f) => f.name)).toEqual(['2027-01/issue.json', '2027-01/01-a.md']);
});

test('any bytes, and any damage to a real zip, give files or a ZipError, never another failure', () => {
  const outcome = (bytes: Buffer) => {
    try {
      return Array.isArray(unzipIssueFiles(bytes));
    } catch (e) {
      return e instanceof ZipError;
    }
  };
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => expect(outcome(Buffer.from(bytes))).toBe(true)));
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
      fc.nat(valid.length),
      (edits, cut) => {
        const damaged = Buffer.from(valid);
        for (const [at, byte] of edits) damaged[at] = byte;
        expect(outcome(damaged)).toBe(true);
        expect(outcome(damaged.subarray(0, cut))).toBe(true);
      },
    ),
    { numRuns: 500 },
  );
});
