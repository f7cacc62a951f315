import { describe, expect, it } from 'vitest';
import { mimeTypeOf } from '../src/data-uri.js';

describe('mimeTypeOf', () => {
  it.each([
    ['a.png', 'image/png'],
    ['a.jpg', 'image/jpeg'],
    ['a.jpeg', 'image/jpeg'],
    ['a.gif', 'image/gif'],
    ['a.webp', 'image/webp'],
    ['a.bmp', 'image/bmp'],
    ['a.tif', 'image/tiff'],
    ['a.tiff', 'image/tiff'],
    ['a.svg', 'image/svg+xml'],
    ['a.txt', 'text/plain'],
    ['a.log', 'text/plain'],
    ['a.csv', 'text/csv'],
    ['a.html', 'text/html'],
    ['a.json', 'application/json'],
    ['a.xml', 'application/xml'],
    ['a.yaml', 'application/yaml'],
    ['a.yml', 'application/yaml'],
    ['a.pdf', 'application/pdf'],
    ['a.zip', 'application/zip'],
    ['a.tar.gz', 'application/gzip'],
    ['a.mp3', 'audio/mpeg'],
    ['a.wav', 'audio/wav'],
    ['a.mp4', 'video/mp4'],
    ['Photo.PNG', 'image/png'],
  ])('%s is %s', (filename, type) => {
    expect(mimeTypeOf(filename)).toBe(type);
  });

  it.each([
    ['a name without extension', 'README'],
    ['a name that is only an extension word', 'png'],
    ['an empty extension', 'archive.'],
    ['an unknown extension', 'weights.bin'],
    ['an extension named like an object property', 'a.constructor'],
    ['an extension named __proto__', 'a.__proto__'],
    ['an extension named toString', 'a.toString'],
  ])('%s is application/octet-stream', (_, filename) => {
    expect(mimeTypeOf(filename)).toBe('application/octet-stream');
  });
});
