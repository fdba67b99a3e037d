import { strict as assert } from 'node:assert';
import { fill } from '../../src/knowledge/knowledgeBase';

describe('message placeholders (fill)', () => {
  it('fills {name}, and {name|one|other} by whether the value is 1; leaves unknown ones', () => {
    const t = '{count} {count|client is|clients are} {status} on {server}{missing}';
    assert.equal(fill(t, { count: 1, status: 'supported', server: 'S' }), '1 client is supported on S{missing}');
    assert.equal(fill(t, { count: 4, status: 'supported', server: 'S' }), '4 clients are supported on S{missing}');
    assert.equal(fill(t, { count: 0, status: 'supported', server: 'S' }), '0 clients are supported on S{missing}');
    assert.equal(fill('{n|a|b}', {}), '{n|a|b}');
  });
});
