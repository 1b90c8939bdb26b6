import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DirectoryDocument } from '../../../../core/domain/directory/types.ts';
import { validateDirectory } from '../../../../core/domain/directory/validate-directory.ts';
import {
  applicationAdministrators,
  coordinationLayer,
  escalatedRoute,
  isRouteProblem,
  type Layer,
  type Route,
  type RouteProblem,
  type RouteReason,
} from '../../../../core/domain/incidents/coordination-layer.ts';

// ../shared/data/directory-sample.json beside the project, relative to this file.
const SAMPLE = new URL('../../../../../shared/data/directory-sample.json', import.meta.url);
const checked = validateDirectory(JSON.parse(readFileSync(SAMPLE, 'utf8')));
if ('problems' in checked) throw new Error(JSON.stringify(checked.problems));
const directory: DirectoryDocument = checked.document;

const CHAIN = 'org-twiin-ketenregie';
const RIVIERENNET = 'org-gtk-rivierennet';
const WESTLINK = 'org-gtk-westlink';
const GEBOORTENET = 'org-gtk-geboortenet';

const name = (id: string): string => {
  const org = directory.organisations.find((o) => o.id === id);
  if (!org) throw new Error(`no organisation ${id} in the sample`);
  return org.name;
};
/** The care providers among an application's users, in the directory's order. */
const careUsers = (appId: string): string[] => {
  const app = directory.applications.find((a) => a.id === appId);
  if (!app) throw new Error(`no application ${appId} in the sample`);
  return app.usedBy.filter((id) => directory.organisations.find((o) => o.id === id)?.kind === 'care-provider');
};

function route(orgIds: string[], appIds: string[] = [], dir: DirectoryDocument = directory): Route {
  const r = coordinationLayer(dir, orgIds, appIds);
  if (isRouteProblem(r)) throw new Error(`expected a route, got ${JSON.stringify(r)}`);
  return r;
}

/** A route with its lists sorted, so routes from differently ordered input can be compared. */
function normalised(r: Route | RouteProblem): unknown {
  if (isRouteProblem(r)) return r;
  const reason = r.reason.kind === 'common-facility' ? { ...r.reason, facilities: [...r.reason.facilities].sort() } : r.reason;
  return { ...r, reason, partnerIds: [...r.partnerIds].sort(), providerIds: [...r.providerIds].sort(), gtkIds: [...r.gtkIds].sort() };
}

describe('the sample directory', () => {
  it('is found relative to the test file and holds the organisations the cases rely on', () => {
    expect(SAMPLE.pathname).toMatch(/\/shared\/data\/directory-sample\.json$/);
    // The facts the table below is built on.
    const gtks = (id: string) => directory.organisations.find((o) => o.id === id)?.gtkServiceProviderIds;
    expect(gtks('org-vp-de-meander')).toEqual([RIVIERENNET]);
    expect(gtks('org-vp-waaloever')).toEqual([RIVIERENNET]);
    expect(gtks('org-vp-helmgras')).toEqual([WESTLINK]);
    expect(gtks('org-ziekenhuis-lindendael')).toEqual([RIVIERENNET, GEBOORTENET]);
    expect(directory.organisations.filter((o) => o.kind === 'national-coordination').map((o) => o.id)).toEqual([CHAIN]);
    expect(careUsers('app-vroedsoft-xis')).toContain('org-vp-de-meander');
    expect(careUsers('app-rivierennet').every((id) => gtks(id)?.includes(RIVIERENNET))).toBe(true);
  });
});

describe('coordinationLayer over the sample directory', () => {
  describe.each<{ title: string; orgs: string[]; apps: string[]; layer: Layer; coordinator: string; reason: RouteReason }>([
    // 1. Local: one care provider → its own management.
    {
      title: 'one care provider',
      orgs: ['org-vp-de-meander'],
      apps: [],
      layer: 'local',
      coordinator: 'org-vp-de-meander',
      reason: { kind: 'one-provider', provider: 'Verloskundigenpraktijk De Meander' },
    },
    {
      title: 'one care provider and its source system',
      orgs: ['org-vp-de-meander'],
      apps: ['app-vroedsoft-xis'],
      layer: 'local',
      coordinator: 'org-vp-de-meander',
      reason: { kind: 'one-provider', provider: 'Verloskundigenpraktijk De Meander' },
    },
    {
      title: 'one care provider and its viewer',
      orgs: ['org-vp-de-meander'],
      apps: ['app-panorama-viewer'],
      layer: 'local',
      coordinator: 'org-vp-de-meander',
      reason: { kind: 'one-provider', provider: 'Verloskundigenpraktijk De Meander' },
    },
    {
      title: 'one care provider and its own GtK application',
      orgs: ['org-vp-de-meander'],
      apps: ['app-rivierennet'],
      layer: 'local',
      coordinator: 'org-vp-de-meander',
      reason: { kind: 'one-provider', provider: 'Verloskundigenpraktijk De Meander' },
    },
    {
      title: 'one care provider and a supplier',
      orgs: ['org-vp-de-meander', 'org-lev-vroedsoft'],
      apps: [],
      layer: 'local',
      coordinator: 'org-vp-de-meander',
      reason: { kind: 'one-provider', provider: 'Verloskundigenpraktijk De Meander' },
    },
    {
      title: 'a supplier alone',
      orgs: ['org-lev-medicura'],
      apps: [],
      layer: 'local',
      coordinator: 'org-lev-medicura',
      reason: { kind: 'one-party', party: 'Medicura Zorgsystemen' },
    },
    // 2. One GtK: several providers all on one GtK → that GtK service provider.
    {
      title: 'two providers both only on RivierenNet',
      orgs: ['org-vp-de-meander', 'org-vp-waaloever'],
      apps: [],
      layer: 'gtk',
      coordinator: RIVIERENNET,
      reason: { kind: 'one-gtk', providers: 2, gtk: 'RivierenNet Zorguitwisseling (GtK)' },
    },
    {
      title: 'two providers sharing RivierenNet although one has more GtKs',
      orgs: ['org-ziekenhuis-lindendael', 'org-vp-de-meander'],
      apps: [],
      layer: 'gtk',
      coordinator: RIVIERENNET,
      reason: { kind: 'one-gtk', providers: 2, gtk: 'RivierenNet Zorguitwisseling (GtK)' },
    },
    {
      title: 'two providers sharing only Geboortenet',
      orgs: ['org-ziekenhuis-lindendael', 'org-ziekenhuis-duinzicht'],
      apps: [],
      layer: 'gtk',
      coordinator: GEBOORTENET,
      reason: { kind: 'one-gtk', providers: 2, gtk: 'Geboortenet Categoraal (GtK)' },
    },
    {
      title: 'two providers on RivierenNet and its GtK application',
      orgs: ['org-vp-de-meander', 'org-vp-waaloever'],
      apps: ['app-rivierennet'],
      layer: 'gtk',
      coordinator: RIVIERENNET,
      reason: { kind: 'one-gtk', providers: 2, gtk: 'RivierenNet Zorguitwisseling (GtK)' },
    },
    {
      title: 'only app-rivierennet (its users are all on RivierenNet)',
      orgs: [],
      apps: ['app-rivierennet'],
      layer: 'gtk',
      coordinator: RIVIERENNET,
      reason: { kind: 'one-gtk', providers: 6, gtk: 'RivierenNet Zorguitwisseling (GtK)' },
    },
    {
      title: 'only app-geboortenet (its users are on several GtKs, but all on Geboortenet)',
      orgs: [],
      apps: ['app-geboortenet'],
      layer: 'gtk',
      coordinator: GEBOORTENET,
      reason: { kind: 'one-gtk', providers: 4, gtk: 'Geboortenet Categoraal (GtK)' },
    },
    {
      title: 'a GtK service provider alone',
      orgs: [WESTLINK],
      apps: [],
      layer: 'gtk',
      coordinator: WESTLINK,
      reason: { kind: 'one-gtk', providers: 0, gtk: 'Regionale uitwisseling WestLink (GtK)' },
    },
    {
      title: 'a GtK service provider and a supplier',
      orgs: ['org-lev-medicura', RIVIERENNET],
      apps: [],
      layer: 'gtk',
      coordinator: RIVIERENNET,
      reason: { kind: 'one-gtk', providers: 0, gtk: 'RivierenNet Zorguitwisseling (GtK)' },
    },
    // 3. Several GtKs → Twiin chain coordination.
    {
      title: 'two providers on different GtKs',
      orgs: ['org-vp-de-meander', 'org-vp-helmgras'],
      apps: [],
      layer: 'chain',
      coordinator: CHAIN,
      reason: { kind: 'several-gtks', providers: 2, gtks: 2 },
    },
    {
      title: 'three providers via two GtKs',
      orgs: ['org-vp-de-meander', 'org-vp-waaloever', 'org-vp-helmgras'],
      apps: [],
      layer: 'chain',
      coordinator: CHAIN,
      reason: { kind: 'several-gtks', providers: 3, gtks: 2 },
    },
    {
      title: 'two providers on RivierenNet and the WestLink application',
      orgs: ['org-vp-de-meander', 'org-vp-waaloever'],
      apps: ['app-westlink'],
      layer: 'chain',
      coordinator: CHAIN,
      reason: { kind: 'several-gtks', providers: 2, gtks: 2 },
    },
    {
      title: 'applications app-rivierennet and app-westlink',
      orgs: [],
      apps: ['app-rivierennet', 'app-westlink'],
      layer: 'chain',
      coordinator: CHAIN,
      reason: { kind: 'several-gtks', providers: 12, gtks: 2 },
    },
    {
      title: 'two GtK service providers',
      orgs: [RIVIERENNET, WESTLINK],
      apps: [],
      layer: 'chain',
      coordinator: CHAIN,
      reason: { kind: 'several-gtks', providers: 0, gtks: 2 },
    },
    {
      title: 'one care provider and two GtK applications',
      orgs: ['org-ziekenhuis-lindendael'],
      apps: ['app-rivierennet', 'app-geboortenet'],
      layer: 'chain',
      coordinator: CHAIN,
      reason: { kind: 'several-gtks', providers: 1, gtks: 2 },
    },
    {
      title: 'only app-panorama-viewer (users across all three GtKs)',
      orgs: [],
      apps: ['app-panorama-viewer'],
      layer: 'chain',
      coordinator: CHAIN,
      reason: { kind: 'several-gtks', providers: 12, gtks: 3 },
    },
    {
      title: 'only app-medicura-jgz (one user on RivierenNet, one on WestLink)',
      orgs: [],
      apps: ['app-medicura-jgz'],
      layer: 'chain',
      coordinator: CHAIN,
      reason: { kind: 'several-gtks', providers: 2, gtks: 2 },
    },
    // Several providers, several applications → Twiin chain coordination.
    {
      title: 'several providers on one GtK with two applications',
      orgs: ['org-vp-de-meander', 'org-vp-waaloever'],
      apps: ['app-vroedsoft-xis', 'app-panorama-pgo'],
      layer: 'chain',
      coordinator: CHAIN,
      reason: { kind: 'several-applications', providers: 2, applications: 2 },
    },
    {
      title: 'several providers on one GtK with their GtK application and a source system',
      orgs: ['org-vp-de-meander', 'org-vp-waaloever'],
      apps: ['app-rivierennet', 'app-vroedsoft-xis'],
      layer: 'chain',
      coordinator: CHAIN,
      reason: { kind: 'several-applications', providers: 2, applications: 2 },
    },
  ])('$title', ({ orgs, apps, layer, coordinator, reason }) => {
    it(`→ ${layer}, coordinated by ${coordinator}`, () => {
      const r = route(orgs, apps);
      expect(r.layer).toBe(layer);
      expect(r.coordinatorId).toBe(coordinator);
      expect(r.partnerIds).toEqual([]);
      expect(r.reason).toEqual(reason);
    });

    it('gives the same route for the input reversed and with duplicates', () => {
      const expected = normalised(route(orgs, apps));
      expect(normalised(route([...orgs].reverse(), [...apps].reverse()))).toEqual(expected);
      expect(normalised(route([...orgs, ...orgs], [...apps, ...apps]))).toEqual(expected);
    });
  });

  describe('the providers and GtKs involved', () => {
    it('are the named care providers and named GtK service providers', () => {
      const r = route(['org-vp-de-meander', 'org-lev-vroedsoft', 'org-vp-waaloever', RIVIERENNET]);
      expect(r.providerIds).toEqual(['org-vp-de-meander', 'org-vp-waaloever']);
      expect(r.gtkIds).toEqual([RIVIERENNET]);
    });

    it('are the care-provider users of the applications when no provider is named, and the administrators of GtK applications', () => {
      const r = route([], ['app-rivierennet']);
      expect(r.providerIds).toEqual(careUsers('app-rivierennet'));
      expect(r.gtkIds).toEqual([RIVIERENNET]);
    });

    it('are the named providers only, when providers are named alongside an application', () => {
      const r = route(['org-vp-de-meander', 'org-vp-waaloever'], ['app-rivierennet']);
      expect(r.providerIds).toEqual(['org-vp-de-meander', 'org-vp-waaloever']);
    });

    it('leave out the non-care-provider users of an application (GtK service providers using a common facility)', () => {
      const r = route([], ['app-zorgadresboek']);
      expect(r.providerIds).toEqual(careUsers('app-zorgadresboek'));
      expect(r.providerIds).not.toContain(RIVIERENNET);
      expect(r.gtkIds).toEqual([]);
    });

    it('count each duplicated id once', () => {
      const r = route(['org-vp-de-meander', 'org-vp-waaloever', 'org-vp-de-meander'], ['app-rivierennet', 'app-rivierennet']);
      expect(r.providerIds).toEqual(['org-vp-de-meander', 'org-vp-waaloever']);
      expect(r.gtkIds).toEqual([RIVIERENNET]);
      expect(r.reason).toEqual({ kind: 'one-gtk', providers: 2, gtk: name(RIVIERENNET) });
    });
  });

  describe('a common facility', () => {
    it('app-zorgadresboek → common-facility, Twiin chain coordination with the facility’s administrator', () => {
      const r = route([], ['app-zorgadresboek']);
      expect(r.layer).toBe('common-facility');
      expect(r.coordinatorId).toBe(CHAIN);
      expect(r.partnerIds).toEqual(['org-gv-zorgadresboek']);
      expect(r.reason).toEqual({ kind: 'common-facility', facilities: ['Zorgadresboek'], coordinator: 'Twiin ketenregie' });
    });

    it('the facility organisation named alone → its own name in the reason', () => {
      const r = route(['org-gv-schakelpunt']);
      expect(r.layer).toBe('common-facility');
      expect(r.coordinatorId).toBe(CHAIN);
      expect(r.partnerIds).toEqual(['org-gv-schakelpunt']);
      expect(r.reason).toEqual({ kind: 'common-facility', facilities: ['Landelijk Schakelpunt (voorbeeld)'], coordinator: 'Twiin ketenregie' });
    });

    it('the facility organisation and its application named together → the application named once', () => {
      const r = route(['org-gv-zorgadresboek'], ['app-zorgadresboek']);
      expect(r.partnerIds).toEqual(['org-gv-zorgadresboek']);
      expect(r.reason).toEqual({ kind: 'common-facility', facilities: ['Zorgadresboek'], coordinator: 'Twiin ketenregie' });
    });

    it('two facilities of one administrator → that administrator once as partner, both facilities named', () => {
      const r = route([], ['app-zorgadresboek', 'app-identiteitsdienst']);
      expect(r.partnerIds).toEqual(['org-gv-zorgadresboek']);
      expect(r.reason).toEqual({ kind: 'common-facility', facilities: ['Zorgadresboek', 'Identiteitsdienst (UZI-aanmelding)'], coordinator: 'Twiin ketenregie' });
    });

    it('two facilities of different administrators → both partners', () => {
      const r = route([], ['app-schakelpunt', 'app-zorgadresboek']);
      expect(r.partnerIds).toEqual(['org-gv-schakelpunt', 'org-gv-zorgadresboek']);
    });

    it.each<[string, string[], string[]]>([
      ['one care provider', ['org-vp-de-meander'], ['app-zorgadresboek']],
      ['two providers on one GtK', ['org-vp-de-meander', 'org-vp-waaloever'], ['app-zorgadresboek']],
      ['providers on different GtKs', ['org-vp-de-meander', 'org-vp-helmgras'], ['app-zorgadresboek']],
      ['a GtK service provider', [RIVIERENNET], ['app-zorgadresboek']],
      ['two GtK applications', [], ['app-rivierennet', 'app-westlink', 'app-zorgadresboek']],
      ['a source system and a supplier', ['org-lev-vroedsoft'], ['app-vroedsoft-xis', 'app-zorgadresboek']],
      ['a facility named first', [], ['app-zorgadresboek', 'app-panorama-viewer']],
    ])('named together with %s → common-facility wins', (_, orgs, apps) => {
      const r = route(orgs, apps);
      expect(r.layer).toBe('common-facility');
      expect(r.coordinatorId).toBe(CHAIN);
      expect(r.partnerIds).toEqual(['org-gv-zorgadresboek']);
      expect(r.reason).toEqual({ kind: 'common-facility', facilities: ['Zorgadresboek'], coordinator: 'Twiin ketenregie' });
    });

    it('gives the same route for the input in another order', () => {
      const a = coordinationLayer(directory, ['org-gv-schakelpunt', 'org-vp-de-meander'], ['app-zorgadresboek', 'app-rivierennet']);
      const b = coordinationLayer(directory, ['org-vp-de-meander', 'org-gv-schakelpunt'], ['app-rivierennet', 'app-zorgadresboek']);
      expect(normalised(b)).toEqual(normalised(a));
    });
  });

  describe('problems', () => {
    it('nothing named', () => {
      expect(coordinationLayer(directory, [], [])).toEqual({ code: 'nothing-named' });
    });

    it('unknown organisations are listed, each once, in the order named', () => {
      expect(coordinationLayer(directory, ['org-nope', 'org-vp-de-meander', 'org-unknown', 'org-nope'], [])).toEqual({
        code: 'unknown-organisations',
        ids: ['org-nope', 'org-unknown'],
      });
    });

    it('unknown applications are listed, each once', () => {
      expect(coordinationLayer(directory, ['org-vp-de-meander'], ['app-rivierennet', 'app-nope', 'app-nope', 'app-gone'])).toEqual({
        code: 'unknown-applications',
        ids: ['app-nope', 'app-gone'],
      });
    });

    it('an application id given as an organisation (and vice versa) is unknown', () => {
      expect(coordinationLayer(directory, ['app-rivierennet'], [])).toEqual({ code: 'unknown-organisations', ids: ['app-rivierennet'] });
      expect(coordinationLayer(directory, [], [RIVIERENNET])).toEqual({ code: 'unknown-applications', ids: [RIVIERENNET] });
    });

    it('unknown organisations are reported before unknown applications', () => {
      expect(coordinationLayer(directory, ['org-nope'], ['app-nope'])).toEqual({ code: 'unknown-organisations', ids: ['org-nope'] });
    });

    describe('a directory without a national-coordination organisation', () => {
      const withoutChain: DirectoryDocument = { ...directory, organisations: directory.organisations.filter((o) => o.kind !== 'national-coordination') };

      it.each<[string, string[], string[]]>([
        ['providers on different GtKs', ['org-vp-de-meander', 'org-vp-helmgras'], []],
        ['two GtK applications', [], ['app-rivierennet', 'app-westlink']],
        ['several providers with several applications', ['org-vp-de-meander', 'org-vp-waaloever'], ['app-vroedsoft-xis', 'app-panorama-pgo']],
        ['a common facility', [], ['app-zorgadresboek']],
      ])('asked for a chain route (%s) → no-chain-coordination', (_, orgs, apps) => {
        expect(coordinationLayer(withoutChain, orgs, apps)).toEqual({ code: 'no-chain-coordination' });
      });

      it('still routes local and GtK incidents', () => {
        expect(route(['org-vp-de-meander'], [], withoutChain).layer).toBe('local');
        expect(route(['org-vp-de-meander', 'org-vp-waaloever'], [], withoutChain).coordinatorId).toBe(RIVIERENNET);
      });
    });

    it('isRouteProblem tells problems from routes', () => {
      expect(isRouteProblem(coordinationLayer(directory, [], []))).toBe(true);
      expect(isRouteProblem(coordinationLayer(directory, ['org-vp-de-meander'], []))).toBe(false);
    });
  });
});

describe('escalatedRoute', () => {
  it('local (De Meander) → its GtK, RivierenNet', () => {
    const local = route(['org-vp-de-meander']);
    const up = escalatedRoute(directory, local);
    expect(up).toEqual({
      ...local,
      layer: 'gtk',
      coordinatorId: RIVIERENNET,
      partnerIds: [],
      reason: { kind: 'escalated', from: 'local', coordinator: 'RivierenNet Zorguitwisseling (GtK)' },
    });
  });

  it('local for a provider on several GtKs → its first GtK', () => {
    const up = escalatedRoute(directory, route(['org-ziekenhuis-duinzicht']));
    expect(up?.layer).toBe('gtk');
    expect(up?.coordinatorId).toBe(WESTLINK);
  });

  it('local for a party that is not a care provider (a supplier) → chain', () => {
    const local = route(['org-lev-medicura']);
    expect(local.layer).toBe('local');
    expect(escalatedRoute(directory, local)).toEqual({
      ...local,
      layer: 'chain',
      coordinatorId: CHAIN,
      partnerIds: [],
      reason: { kind: 'escalated', from: 'local', coordinator: 'Twiin ketenregie' },
    });
  });

  it('gtk → chain', () => {
    const gtk = route(['org-vp-de-meander', 'org-vp-waaloever']);
    expect(gtk.layer).toBe('gtk');
    expect(escalatedRoute(directory, gtk)).toEqual({
      ...gtk,
      layer: 'chain',
      coordinatorId: CHAIN,
      partnerIds: [],
      reason: { kind: 'escalated', from: 'gtk', coordinator: 'Twiin ketenregie' },
    });
  });

  it('escalating twice: local → gtk → chain → nothing further', () => {
    const gtk = escalatedRoute(directory, route(['org-vp-de-meander']));
    expect(gtk?.layer).toBe('gtk');
    const chain = gtk && escalatedRoute(directory, gtk);
    expect(chain?.layer).toBe('chain');
    expect(chain?.reason).toEqual({ kind: 'escalated', from: 'gtk', coordinator: 'Twiin ketenregie' });
    expect(chain && escalatedRoute(directory, chain)).toBeUndefined();
  });

  it.each<[string, string[], string[]]>([
    ['chain', ['org-vp-de-meander', 'org-vp-helmgras'], []],
    ['common-facility', [], ['app-zorgadresboek']],
  ])('%s is the top → undefined', (layer, orgs, apps) => {
    const r = route(orgs, apps);
    expect(r.layer).toBe(layer);
    expect(escalatedRoute(directory, r)).toBeUndefined();
  });

  it('gtk in a directory without chain coordination → undefined', () => {
    const withoutChain: DirectoryDocument = { ...directory, organisations: directory.organisations.filter((o) => o.kind !== 'national-coordination') };
    expect(escalatedRoute(withoutChain, route(['org-vp-de-meander', 'org-vp-waaloever'], [], withoutChain))).toBeUndefined();
  });
});

describe('applicationAdministrators', () => {
  it.each<[string[], string[]]>([
    [[], []],
    [['app-rivierennet'], [RIVIERENNET]],
    [['app-vroedsoft-xis', 'app-rivierennet'], ['org-lev-vroedsoft', RIVIERENNET]],
    // One administrator of two applications: listed once.
    [['app-zorgadresboek', 'app-identiteitsdienst'], ['org-gv-zorgadresboek']],
    [['app-medicura-epd', 'app-medicura-jgz', 'app-medicura-epd'], ['org-lev-medicura']],
    // Unknown applications are skipped.
    [['app-nope', 'app-regioportaal-rivierenland'], ['org-rso-rivierenland']],
    [['app-nope'], []],
  ])('%j → %j', (appIds, administrators) => {
    expect(applicationAdministrators(directory.applications, appIds)).toEqual(administrators);
  });
});

/** Cases found while writing these tests (fixed in the rule). */
describe('edge cases', () => {
  it('two non-provider parties (two suppliers) → the same route in either order, not "local at whichever was named first"', () => {
    const a = coordinationLayer(directory, ['org-lev-medicura', 'org-lev-vroedsoft'], []);
    const b = coordinationLayer(directory, ['org-lev-vroedsoft', 'org-lev-medicura'], []);
    expect(normalised(b)).toEqual(normalised(a));
  });

  it('providers sharing two GtKs listed in different orders → the same coordinator in either order', () => {
    // Both providers are on RivierenNet and Geboortenet, but list them in a different order.
    const dir: DirectoryDocument = {
      ...directory,
      organisations: directory.organisations.map((o) => (o.id === 'org-kz-ooievaarsnest' ? { ...o, gtkServiceProviderIds: [GEBOORTENET, RIVIERENNET] } : o)),
    };
    const a = route(['org-ziekenhuis-lindendael', 'org-kz-ooievaarsnest'], [], dir);
    const b = route(['org-kz-ooievaarsnest', 'org-ziekenhuis-lindendael'], [], dir);
    expect(b.coordinatorId).toBe(a.coordinatorId);
  });

  it('a care provider with another GtK it is not connected to (De Meander + WestLink) is not local', () => {
    expect(route(['org-vp-de-meander', WESTLINK]).layer).not.toBe('local');
    expect(route(['org-vp-de-meander'], ['app-westlink']).layer).not.toBe('local');
  });

  it('local escalates to the provider’s GtK also when the directory has no chain coordination', () => {
    const withoutChain: DirectoryDocument = { ...directory, organisations: directory.organisations.filter((o) => o.kind !== 'national-coordination') };
    const up = escalatedRoute(withoutChain, route(['org-vp-de-meander'], [], withoutChain));
    expect(up?.coordinatorId).toBe(RIVIERENNET);
  });
});
