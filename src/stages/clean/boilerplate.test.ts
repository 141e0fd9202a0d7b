import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKeywordList, isProse, lineShape, matchRule, matchRuleSlow, parseRules, rules } from './boilerplate.js';

test('the rule file loads and every rule compiles', () => {
  const rs = rules();
  assert.ok(rs.length >= 25);
  for (const r of rs) assert.ok(r.re.flags.includes('u'));
  assert.throws(() => parseRules('share\ti\t80'), /expected 4 or 5 TAB-separated columns/);
  assert.throws(() => parseRules('share\ti\t80\t(unclosed'), /boilerplate\.tsv:1/);
  assert.throws(() => parseRules('share\ti\t80\tShare'), /lower case/);
});

const FURNITURE: [string, string][] = [
  ['Listen Live', 'listen'],
  ['Listen to this article 4 min', 'listen'],
  ['5 min read', 'listen'],
  ['Get short URL', 'short-url'],
  ['Share this article', 'share'],
  ['Facebook Twitter WhatsApp Email', 'share'],
  ['Share | Tweet | Email', 'share'],
  ['Subscribe to our daily newsletter', 'subscribe'],
  ['Sign up for the Morning Brief', 'subscribe'],
  ['Follow us on Telegram', 'follow'],
  ['By Amira Haddad and Tom Ellis', 'byline'],
  ['By Sarah Haddad | March 3, 2021', 'byline'],
  ['BY JOHN DAVISON, REUTERS', 'byline'],
  ['Staff writer', 'byline'],
  ['Photo: AFP', 'photo-credit'],
  ['Image courtesy of the Ministry of Defence', 'photo-credit'],
  ['© Sputnik / Mikhail Voskresenskiy', 'photo-credit'],
  ['Displaced families queue for aid in Idlib province, Syria, March 3, 2020. REUTERS/Khalil Ashawi', 'photo-credit'],
  ['(AFP via Getty Images)', 'photo-credit'],
  ['This site uses cookies. By continuing to browse the site you are agreeing to our use of cookies.', 'cookie'],
  ['Accept all cookies', 'cookie'],
  ['Community standardsDiscussion', 'comments'],
  ['Comments', 'comments'],
  ['12 comments', 'comments'],
  ['Join the conversation', 'comments'],
  ['Tags: Syria, Russia, ceasefire', 'tags'],
  ['Topics', 'tags'],
  ['Skip to main content', 'nav'],
  ['Home | World | Middle East', 'nav'],
  ['Advertisement', 'advert'],
  ['- Advertisement -', 'advert'],
  ['Story continues below advertisement', 'advert'],
  ['All rights reserved.', 'copyright'],
  ['Copyright 2019 The Daily Courier', 'copyright'],
  ['Read more', 'related-header'],
  ['Related stories:', 'related-header'],
  ['Read more: Ten killed in market bombing', 'related'],
  ['(Reporting by Omar Fahmy; Editing by Alex Richardson)', 'credit'],
  ['Send us a tip', 'contact'],
];

test('furniture lines each get their reason', () => {
  for (const [line, reason] of FURNITURE) assert.equal(matchRule(line), reason, line);
});

const PROSE = [
  'By the end of the day, government troops had pulled back from the eastern districts of the city.',
  'Authorities have blamed the militia for the attack on the convoy.',
  'Share prices fell on the news of the offensive.',
  'Comments by the defence minister angered the opposition.',
  'A Reuters/Ipsos poll found most respondents opposed the deployment.',
  'Photos circulating on social media showed heavy damage to the hospital.',
  'The more than 40 people killed included six children, medics said.',
  'Home to some 300,000 people, the town has been shelled daily.',
  'Live rounds were fired at protesters, according to witnesses.',
  'Correspondents in the city reported heavy gunfire overnight.',
  'He said the cookies and water handed out at the checkpoint were the only food they had.',
];

test('prose that opens with a furniture word is not furniture', () => {
  for (const line of PROSE) assert.equal(matchRule(line), null, line);
});

test('the combined matcher agrees with the rule-by-rule reference', () => {
  for (const line of [...FURNITURE.map((f) => f[0]), ...PROSE, '', 'x', 'Related', 'SHARE', 'live']) {
    assert.equal(matchRule(line), matchRuleSlow(line), line);
  }
});

test('keyword lists vs sentences that list things', () => {
  assert.ok(isKeywordList('deal, Syrian ceasefire, Syrian crisis, Syrian conflict, John Kirby, Bashar al-Assad, Syria, US, Russia'));
  assert.ok(isKeywordList('Yemen; Houthis; Saudi Arabia; air strikes; Hodeidah'));
  assert.ok(!isKeywordList('He visited Aleppo, Homs, Hama, Idlib, Latakia and Tartus.'));
  assert.ok(!isKeywordList('Troops from Syria, Iraq and Iran attended'));
  assert.ok(!isKeywordList('The men, who were armed, said they had come from Homs, Hama, and the north'));
});

test('line shapes: headlines, title case, prose', () => {
  const h = lineShape("Pentagon 'Succeeded in Ruining' Peace Deal on Syria");
  assert.deepEqual(h, { headline: true, titleCase: true, capStart: true });
  const s = lineShape('Syria war: Russian jets bomb rebel-held town of Maarat al-Numan');
  assert.equal(s.headline, true);
  assert.equal(s.titleCase, false);
  assert.equal(lineShape('The talks ended without agreement.').headline, false);
  assert.ok(isProse('The talks in Geneva ended on Friday without an agreement.'));
  assert.ok(!isProse('Kremlin Names Conditions to Resume Syrian Ceasefire'));
});
