import { describe, expect, it } from 'vitest';
import { decodeCreatedBy, layerFlags } from '@/lib/docker/history/decode';
import type { RawHistoryItem } from '@/lib/docker/engine/raw-types';

const step = (CreatedBy: string, Size: number, Comment = ''): RawHistoryItem => ({
  Id: '<missing>',
  Created: 0,
  CreatedBy,
  Size,
  Comment,
  Tags: null,
});

describe('decodeCreatedBy', () => {
  it.each([
    ['/bin/sh -c #(nop)  CMD ["cat" "/hello"]', '', 'CMD', 'CMD ["cat" "/hello"]'],
    ['/bin/sh -c #(nop)  ENV A=1 B=2', '', 'ENV', 'ENV A=1 B=2'],
    ['/bin/sh -c #(nop) WORKDIR /app', '', 'WORKDIR', 'WORKDIR /app'],
    ['/bin/sh -c #(nop) COPY file:abc in /etc/app.conf ', '', 'COPY', 'COPY file:abc in /etc/app.conf'],
    ['/bin/sh -c echo hi > /hello', '', 'RUN', 'RUN echo hi > /hello'],
    ['|2 VERSION=1 MODE=x /bin/sh -c make install', '', 'RUN', 'RUN make install'],
    ['RUN /bin/sh -c apt-get update # buildkit', 'buildkit.dockerfile.v0', 'RUN', 'RUN apt-get update'],
    ['COPY package.json . # buildkit', 'buildkit.dockerfile.v0', 'COPY', 'COPY package.json .'],
    ['ENV NODE_ENV=production', 'buildkit.dockerfile.v0', 'ENV', 'ENV NODE_ENV=production'],
    ['/bin/sh -c #(nop) ADD file:9deb26e1dbc258df4 in / ', '', 'ADD', 'ADD file:9deb26e1dbc258df4 in /'],
    ['', 'Imported from -', 'IMPORT', 'IMPORT Imported from -'],
    ['', '', 'IMPORT', 'IMPORT (no command recorded)'],
  ])('%s', (createdBy, comment, instruction, command) => {
    expect(decodeCreatedBy(createdBy, comment)).toEqual({ instruction, command });
  });
});

describe('layerFlags', () => {
  // Newest first, as the engine sends it: import, then RUN true (no layer), RUN mkdir (0-byte layer), RUN dd.
  const history = [
    step('/bin/sh -c dd', 50_000),
    step('/bin/sh -c mkdir /data', 0),
    step('/bin/sh -c true', 0),
    step('', 1_982_454, 'Imported from -'),
  ];

  it('is ambiguous from the API alone when two 0-byte RUNs only one of which made a layer', () => {
    expect(layerFlags(history, 3)).toBeNull();
  });

  it('takes the config’s empty_layer flags as the truth', () => {
    const config = [{}, { empty_layer: true }, {}, {}];
    expect(layerFlags(history, 3, config)).toEqual([true, false, true, true]);
  });

  it('ignores config flags that do not fit the image', () => {
    expect(layerFlags(history, 3, [{}, {}])).toBeNull();
    expect(layerFlags(history, 4, [{}, { empty_layer: true }, {}, {}])).toEqual([true, true, true, true]);
  });

  it('falls back to sizes when the instruction guess over-counts', () => {
    const buildkit = [
      step('RUN /bin/sh -c true # buildkit', 0, 'buildkit.dockerfile.v0'),
      step('COPY a b # buildkit', 10, 'buildkit.dockerfile.v0'),
      step('', 100, 'Imported from -'),
    ];
    expect(layerFlags(buildkit, 2)).toEqual([true, true, false]);
  });
});
