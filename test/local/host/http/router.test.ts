import { describe, expect, it } from 'vitest';
import { Router } from '../../../../src/local/host/http/router';

describe('Router', () => {
  const router = new Router<string>();
  router.add('models/{dataset}/versions/{v:int}', ['GET'], 'version');
  router.add('models/{dataset}', ['GET', 'DELETE'], 'model');
  router.add('models/latest', ['GET'], 'latest');
  router.add('files/{*path}', ['GET'], 'files');
  router.add('search/{term?}', ['GET'], 'search');

  const match = (method: string, path: string) => router.match(method, path);

  it('matches literals case-insensitively and prefers them over parameters', () => {
    expect(match('GET', '/Models/LATEST')).toEqual({ kind: 'match', match: { target: 'latest', params: {} } });
    expect(match('GET', '/models/bank')).toEqual({
      kind: 'match',
      match: { target: 'model', params: { dataset: 'bank' } },
    });
  });

  it('decodes parameters and applies constraints', () => {
    expect(match('GET', '/models/bank%20mkt/versions/12')).toEqual({
      kind: 'match',
      match: { target: 'version', params: { dataset: 'bank mkt', v: '12' } },
    });
    expect(match('GET', '/models/bank/versions/latest').kind).toBe('notFound');
  });

  it('supports catch-all and optional trailing parameters', () => {
    expect(match('GET', '/files/a/b%2Fc/d.csv')).toMatchObject({ match: { params: { path: 'a/b/c/d.csv' } } });
    expect(match('GET', '/search')).toMatchObject({ match: { target: 'search', params: {} } });
    expect(match('GET', '/search/x')).toMatchObject({ match: { params: { term: 'x' } } });
  });

  it('tells a wrong method (with the allowed ones) from an unknown path', () => {
    expect(match('POST', '/models/bank')).toEqual({ kind: 'methodNotAllowed', allow: ['GET', 'DELETE'] });
    expect(match('GET', '/nothing/here')).toEqual({ kind: 'notFound' });
  });

  it('answers a repeated path the same, with params of its own each time', () => {
    const first = match('GET', '/models/repeat');
    expect(first).toEqual({ kind: 'match', match: { target: 'model', params: { dataset: 'repeat' } } });
    if (first.kind === 'match') first.match.params['dataset'] = 'changed';
    expect(match('GET', '/models/repeat')).toEqual(
      first.kind === 'match' ? { ...first, match: { target: 'model', params: { dataset: 'repeat' } } } : first,
    );
    expect(match('POST', '/models/repeat').kind).toBe('methodNotAllowed');
  });

  it('refuses templates it cannot honour', () => {
    expect(() => router.add('a/{x:regex(^a$)}', ['GET'], 'bad')).toThrow(/unsupported segment|unknown constraint/);
    expect(() => router.add('a/{x:nope}', ['GET'], 'bad')).toThrow(/unknown constraint "nope"/);
  });
});
