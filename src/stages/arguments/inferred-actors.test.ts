/**
 * Actor1 when the doer is implied rather than named in the event's sentence, ACLED's role
 * conventions (protests met with force, two sides of an agreement), and tolls stated after the
 * event's own sentences. Example texts written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventArguments } from './index.js';
import { prepare, type EventSpec } from './test-helpers.js';

function args(text: string, specs: EventSpec[], published = '2024-05-20') {
  return eventArguments(prepare(text, published, specs));
}
const span = (text: string, s: { start: number; end: number } | undefined) => (s ? text.slice(s.start, s.end) : null);

test('trigger-actor: the trigger inside an armed actor is the doer', () => {
  const t = 'A suicide bomber blew himself up at a checkpoint in Baidoa on Friday, killing six soldiers.';
  const [a] = args(t, [{ trigger: 'suicide bomber', type: 'Explosions/Remote violence', sub: 'Suicide bomb' }]);
  assert.equal(a!.actor1?.kind, 'terrorist');
  assert.match(a!.actor1!.by, /^arguments\/trigger-actor/);
  assert.equal(span(t, a!.actor1?.span), 'A suicide bomber');
  assert.equal(a!.actor2?.kind, 'military');
  assert.equal(a!.fatalities?.value, 6);
});

test('claimed-responsibility: a claim several sentences on, about "the blast"', () => {
  const t = 'A car bomb exploded outside a hotel in Kismayo on Saturday evening.\n\n'
    + 'Guests were eating dinner on the terrace at the time.\n\n'
    + 'Ambulances took the wounded to the regional hospital.\n\n'
    + 'The hotel is popular with local officials and businessmen.\n\n'
    + 'Roads around the building were closed overnight.\n\n'
    + 'Al Shabaab claimed responsibility for the blast in a statement on Sunday.';
  const [a] = args(t, [{ trigger: 'car bomb', type: 'Explosions/Remote violence', sub: 'Remote explosive/landmine/IED' }]);
  assert.equal(a!.actor1?.text, 'Al Shabaab');
  assert.equal(a!.actor1?.kind, 'terrorist');
  assert.equal(a!.actor1?.how, 'inferred');
  assert.match(a!.actor1!.by, /^arguments\/claimed-responsibility/);
});

test('claimed-responsibility: "said it carried out the killings"; a denied claim names nobody', () => {
  const t = 'Gunmen killed eleven miners at a gold site near Kidal on Tuesday. '
    + 'The Islamic State Sahel Province said in a message on Wednesday that it had carried out the killings.';
  const [a] = args(t, [{ trigger: 'killed', type: 'Violence against civilians', sub: 'Attack' }]);
  // a claim names the unidentified gunmen's group
  assert.equal(a!.actor1?.text, 'The Islamic State Sahel Province');
  assert.equal(a!.actor1?.kind, 'terrorist');
  const t2 = 'An explosion tore through a bus station in Maiduguri on Monday. No group has said it carried out the attack.';
  const [b] = args(t2, [{ trigger: 'explosion', type: 'Explosions/Remote violence', sub: 'Remote explosive/landmine/IED' }]);
  assert.doesNotMatch(b!.actor1?.by ?? '', /claimed-responsibility/);
});

test('blamed: a state blamed for a missile strike acts through its military', () => {
  const t = 'A missile struck a hotel in Kramatorsk on Saturday night, killing two people. '
    + 'Regional officials blamed Russia for the strike.';
  const [a] = args(t, [{ trigger: 'missile', type: 'Explosions/Remote violence', sub: 'Shelling/artillery/missile attack' }]);
  assert.equal(a!.actor1?.kind, 'military');
  assert.equal(a!.actor1?.country, 'RUS');
  assert.equal(a!.actor1?.how, 'inferred');
  assert.match(a!.actor1!.by, /^arguments\/blamed/);
});

test('weapon-demonym: "Russian artillery", "Israeli air strikes"', () => {
  const t = 'Russian artillery pounded the centre of Vovchansk on Monday, wounding four people.';
  const [a] = args(t, [{ trigger: 'artillery', type: 'Explosions/Remote violence', sub: 'Shelling/artillery/missile attack' }]);
  assert.equal(a!.actor1?.kind, 'military');
  assert.equal(a!.actor1?.country, 'RUS');
  assert.equal(a!.actor1?.how, 'inferred');
  assert.equal(span(t, a!.actor1?.span), 'Russian artillery');
  const t2 = 'Israeli air strikes hit two houses in Khan Younis overnight.';
  const [b] = args(t2, [{ trigger: 'air strikes', type: 'Explosions/Remote violence', sub: 'Air/drone strike' }]);
  assert.equal(b!.actor1?.country, 'ISR');
  assert.equal(span(t2, b!.actor1?.span), 'Israeli air strikes');
});

test('air-strike-military: an air strike with no doer is the military the article names; none named, none inferred', () => {
  const t = 'An air strike hit a market in the town of Kurmuk on Thursday.\n\n'
    + 'The Sudanese army has stepped up its bombing of the region since March.';
  const [a] = args(t, [{ trigger: 'air strike', type: 'Explosions/Remote violence', sub: 'Air/drone strike' }]);
  assert.equal(a!.actor1?.kind, 'military');
  assert.equal(a!.actor1?.country, 'SDN');
  assert.equal(a!.actor1?.how, 'inferred');
  assert.match(a!.actor1!.by, /^arguments\/air-strike-military/);
  assert.equal(span(t, a!.actor1?.span), 'The Sudanese army');
  const t2 = 'An air strike hit a market in the town of Kurmuk on Thursday.';
  const [b] = args(t2, [{ trigger: 'air strike', type: 'Explosions/Remote violence', sub: 'Air/drone strike' }]);
  assert.equal(b!.actor1, null);
  // a drone is not evidence of a state air force
  const t3 = 'A drone hit a fuel depot in the town of Kurmuk on Thursday.\n\nThe Sudanese army said it was investigating.';
  const [d] = args(t3, [{ trigger: 'drone', type: 'Explosions/Remote violence', sub: 'Air/drone strike' }]);
  assert.doesNotMatch(d!.actor1?.by ?? '', /air-strike-military/);
});

test('unidentified-armed-group: a roadside bomb nobody is named for; the vehicle that hit it is the victim', () => {
  const t = 'A military convoy struck a roadside bomb near Gao on Sunday, killing two soldiers.';
  const [a] = args(t, [{ trigger: 'roadside bomb', type: 'Explosions/Remote violence', sub: 'Remote explosive/landmine/IED' }]);
  assert.equal(a!.actor1?.kind, 'unknown');
  assert.equal(a!.actor1?.how, 'inferred');
  assert.match(a!.actor1!.by, /^arguments\/unidentified-armed-group/);
  assert.equal(a!.actor2?.text, 'A military convoy');
  assert.match(a!.actor2!.by, /^arguments\/device-victim/);
});

test('communal militia: villagers who attack are an identity militia', () => {
  const t = 'Villagers attacked a group of herders near Bokkos on Friday, killing three.';
  const [b] = args(t, [{ trigger: 'attacked', type: 'Violence against civilians', sub: 'Attack' }]);
  assert.equal(b!.actor1?.kind, 'militia');
  assert.match(b!.actor1!.by, /acled-communal-militia/);
});

test('by-agent after a nominal trigger; reduced passive in a headline; subject of "died"', () => {
  const t = 'The raid recalled the abduction of 30 pupils by Boko Haram in Yauri in June 2021.';
  const [a] = args(t, [{ trigger: 'abduction', type: 'Violence against civilians', sub: 'Abduction/forced disappearance', background: true }]);
  assert.equal(a!.actor1?.text, 'Boko Haram');
  const h = 'Three policemen killed as gunmen raid checkpoint in Zamfara';
  const [b] = args(h, [{ trigger: 'killed', type: 'Battles', sub: 'Armed clash' }]);
  assert.equal(b!.actor2?.text, 'Three policemen');
  assert.equal(b!.actor1?.text, 'gunmen');
  const d = 'Four protesters died in Kisumu on Tuesday after police opened fire.';
  const [c] = args(d, [{ trigger: 'died', type: 'Violence against civilians', sub: 'Attack' }]);
  assert.equal(c!.actor2?.text, 'Four protesters');
  assert.notEqual(c!.actor1?.text, 'Four protesters');
});

test('subject apposition: "X, a … group," stands for X', () => {
  const t = 'The ADF, a mostly Ugandan-led group, stormed an army camp near Beni on Friday.';
  const [a] = args(t, [{ trigger: 'stormed', type: 'Battles', sub: 'Armed clash' }]);
  assert.equal(a!.actor1?.text, 'The ADF');
  assert.equal(a!.actor1?.name, 'ADF: Allied Democratic Forces');
});

test('ACLED roles: force against protesters; the two sides of an agreement', () => {
  const t = 'Police fired tear gas at demonstrators in Nakuru on Tuesday.';
  const [a] = args(t, [{ trigger: 'demonstrators', type: 'Protests', sub: 'Excessive force against protesters' }]);
  assert.equal(a!.actor1?.kind, 'protesters');
  assert.equal(a!.actor1?.text, 'demonstrators');
  assert.equal(a!.actor2?.kind, 'police');
  const t2 = 'Sudan and SPLM-N rebels signed a ceasefire deal in Juba on Monday.';
  const [b] = args(t2, [{ trigger: 'signed', type: 'Strategic developments', sub: 'Agreement' }]);
  assert.equal(b!.actor1?.text, 'Sudan');
  assert.equal(b!.actor1?.kind, 'government');
  assert.equal(b!.actor2?.kind, 'rebel');
});

test('toll-later: the toll in a later paragraph; contested figures give the lowest', () => {
  const t = 'A mortar round hit a crowded bus station in Kaduna on Sunday morning.\n\n'
    + 'Travellers were waiting for buses to Abuja.\n\n'
    + 'Hospital officials said nine people had died of their wounds.';
  const [a] = args(t, [{ trigger: 'mortar round', type: 'Explosions/Remote violence', sub: 'Shelling/artillery/missile attack' }]);
  assert.equal(a!.fatalities?.value, 9);
  assert.equal(a!.fatalities?.how, 'inferred');
  assert.match(a!.fatalities!.by, /arguments\/toll-later$/);
  const t2 = 'A jet bombed a camp for displaced people near Tabila on Monday.\n\n'
    + 'A relief group said 14 people had been killed.\n\n'
    + 'The air force said it had hit a rebel depot, killing 6 fighters.';
  const [b] = args(t2, [{ trigger: 'bombed', type: 'Explosions/Remote violence', sub: 'Air/drone strike' }]);
  assert.equal(b!.fatalities?.value, 6);
  assert.match(b!.fatalities!.by, /toll-later-lowest$/);
  // another incident ends the search
  const t3 = 'A mortar round hit a crowded bus station in Kaduna on Sunday morning.\n\n'
    + 'In a separate attack, gunmen killed five farmers in Zaria.';
  const [c] = args(t3, [{ trigger: 'mortar round', type: 'Explosions/Remote violence', sub: 'Shelling/artillery/missile attack' }]);
  assert.equal(c!.fatalities, null);
});

test('toll-later: a sentence summing up the conflict toll ends the search', () => {
  const t = 'Gunmen on horseback raided a cattle market near Gusau on Thursday.\n\n'
    + 'Traders fled into the surrounding bush.\n\n'
    + 'Banditry in the region has killed more than 12,000 people since 2011, according to a rights group.';
  const [a] = args(t, [{ trigger: 'raided', type: 'Violence against civilians', sub: 'Attack' }]);
  assert.equal(a!.fatalities, null);
  // a plain later toll is still read
  const t2 = 'Gunmen on horseback raided a cattle market near Gusau on Thursday.\n\n'
    + 'Police said four traders were killed.';
  const [b] = args(t2, [{ trigger: 'raided', type: 'Violence against civilians', sub: 'Attack' }]);
  assert.equal(b!.fatalities?.value, 4);
});

test('injured-later: the wounded told in a later sentence, with or without the dead', () => {
  const t = 'A car bomb exploded outside a police station in Kismayo on Friday, killing four officers.\n\n'
    + 'Hospital staff said 23 people had been wounded, some of them critically.';
  const [a] = args(t, [{ trigger: 'car bomb', type: 'Explosions/Remote violence', sub: 'Remote explosive/landmine/IED' }]);
  assert.equal(a!.fatalities?.value, 4);
  assert.equal(a!.injured?.value, 23);
  assert.equal(a!.injured?.how, 'inferred');
  assert.match(a!.injured!.by, /injured-later$/);
  assert.match(span(t, a!.injured!.span ?? undefined)!, /^23 people had been wounded/);
  // "some of them critically" is a part of the 23, not more wounded
  assert.equal(args('Hospital staff said 23 people had been wounded, some of them critically, after a blast in Kismayo on Friday.', [{ trigger: 'blast', type: 'Explosions/Remote violence', sub: 'Remote explosive/landmine/IED' }])[0]!.injured?.value, 23);
});

test('victims-of-toll: the people a toll counts are the victims when the clause names none', () => {
  const t = 'A missile struck a crowded market in Kostiantynivka on Wednesday afternoon.\n\n'
    + 'Officials said 16 civilians were killed and more than 30 wounded.';
  const [a] = args(t, [{ trigger: 'missile struck', type: 'Explosions/Remote violence', sub: 'Shelling/artillery/missile attack' }]);
  assert.equal(a!.fatalities?.value, 16);
  assert.equal(a!.actor2?.kind, 'civilians');
  assert.equal(a!.actor2?.how, 'inferred');
  assert.match(a!.actor2!.by, /victims-of-toll/);
  assert.match(span(t, a!.actor2!.span)!, /civilians/);
});

test('toll-title: the main event with no toll in its sentences takes its title line\'s', () => {
  const t = 'Mob beats two suspected thieves to death in Kisii market\n\n'
    + 'A crowd of traders chased two men through the municipal market in Kisii on Monday morning and attacked them with sticks and stones, police said.\n\n'
    + 'Officers arrived too late to stop the crowd.';
  const [a] = args(t, [{ trigger: 'attacked', type: 'Riots', sub: 'Mob violence' }]);
  assert.equal(a!.fatalities?.value, 2);
  assert.match(a!.fatalities!.by, /toll-title$/);
});

test('reduced-passive-victim: "Opposition leader arrested in capital": the person arrested is actor2', () => {
  const t = 'Opposition leader Kizza Besigye arrested in Kampala\n\nPolice detained him outside his home on Tuesday.';
  const [a] = args(t, [{ trigger: 'arrested', type: 'Strategic developments', sub: 'Arrests' }]);
  assert.equal(span(t, a!.actor2?.span), 'Opposition leader Kizza Besigye');
  assert.notEqual(span(t, a!.actor1?.span), 'Opposition leader Kizza Besigye');
});

test('toll-title: a running total in the title ("death toll rises to 54") is no event\'s toll', () => {
  const t = 'Army patrols as death toll in ethnic clashes rises to 54\n\nIMPHAL, May 6: Soldiers patrolled several districts on Saturday, officials said.\n\n'
    + 'On Friday, suspected militants ambushed an army convoy near Saiton, wounding five soldiers, the army said.';
  const [a] = args(t, [{ trigger: 'ambushed', type: 'Battles', sub: 'Armed clash' }], '2023-05-06');
  assert.equal(a!.fatalities?.value ?? null, null);
});

test('later toll: a running total "over the past week" is no toll of the event before it', () => {
  const t = 'In Kinshasa on Tuesday, protesters attacked the embassies of Rwanda and France.\n\nPolice fired tear gas to disperse them.\n\n'
    + 'The United Nations said at least 13 peacekeepers had been killed in fighting with the rebels over the past week.';
  const [a] = args(t, [{ trigger: 'attacked', type: 'Riots', sub: 'Violent demonstration' }], '2025-01-28');
  assert.equal(a!.fatalities?.value ?? null, null);
});

test('blamed: "the US blamed X for that attack" names the doer of a drone attack whose only actor was the weapon', () => {
  const t = 'A drone attack on January 28 killed three soldiers at a base in Jordan.\n\n'
    + 'The United States blamed the Islamic Resistance in Iraq, an umbrella for armed groups, for that attack.';
  const [a] = args(t, [{ trigger: 'drone attack', type: 'Explosions/Remote violence', sub: 'Air/drone strike' }], '2024-02-08');
  assert.equal(a!.actor1?.text, 'the Islamic Resistance in Iraq');
  assert.match(a!.actor1!.by, /blamed/);
});

test('claimed-responsibility: "Al-Shabaab, the al-Qaeda-linked group …, claimed" names Al-Shabaab, not the apposition', () => {
  const t = 'A suicide bomber blew himself up at a beach restaurant in Mogadishu on Friday, killing 32 people.\n\n'
    + 'Al-Shabaab, the al-Qaeda-linked group that has fought the government for years, claimed responsibility in a statement.';
  const [a] = args(t, [{ trigger: 'suicide bomber', type: 'Explosions/Remote violence', sub: 'Suicide bomb' }], '2024-08-03');
  assert.match(a!.actor1?.text ?? '', /Al-Shabaab/);
});
