import { strict as assert } from 'node:assert';
import { daysUntil, formatDate, formatDuration, formatList, formatRelative } from '../../src/answers/format';

describe('answer formatting', () => {
  const today = new Date('2026-11-21T10:00:00Z');

  it('writes dates the way each language does', () => {
    assert.equal(formatDate('2014-06-30', 'en'), '30 June 2014');
    assert.equal(formatDate('2014-06-30', 'fr'), '30 juin 2014');
    assert.equal(formatDate('2012-09-01', 'fr'), '1er septembre 2012');
  });

  it('says how long ago or how far ahead a date is', () => {
    assert.equal(daysUntil('2026-11-21', today), 0);
    assert.equal(formatRelative('2014-06-30', today, 'en'), '12 years ago');
    assert.equal(formatRelative('2014-06-30', today, 'fr'), 'il y a 12 ans');
    assert.equal(formatRelative('2026-11-24', today, 'en'), 'in 3 days');
    assert.equal(formatRelative('2026-11-21', today, 'en'), 'today');
    assert.equal(formatRelative('2027-03-21', today, 'fr'), 'dans 4 mois');
  });

  it('says how long passed between two dates, in whole years, months or days', () => {
    assert.equal(formatDuration('2012-09-01', '2014-06-30', 'en'), '1 year and 9 months');
    assert.equal(formatDuration('2012-09-01', '2014-06-30', 'fr'), '1 an et 9 mois');
    assert.equal(formatDuration('2013-04-01', '2015-04-01', 'en'), '2 years');
    assert.equal(formatDuration('2014-06-01', '2014-06-30', 'en'), '29 days');
    // (Either order.)
    assert.equal(formatDuration('2014-06-30', '2013-04-30', 'fr'), '1 an et 2 mois');
  });

  it("joins lists with the language's conjunction", () => {
    assert.equal(formatList(['A', 'B', 'C'], 'en'), 'A, B and C');
    assert.equal(formatList(['A', 'B'], 'fr'), 'A et B');
  });
});
