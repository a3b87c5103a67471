import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../env';
import { parseRoles, rolesFromArgs } from './roles';

describe('process roles', () => {
  it('runs every role unless ROLES names some, in a fixed order', () => {
    expect(parseEnv({}).ROLES).toEqual(['api', 'relay', 'jobs']);
    expect(parseEnv({ ROLES: ' jobs, relay ' }).ROLES).toEqual(['relay', 'jobs']);
    expect(parseRoles('api,api')).toEqual(['api']);
  });

  it('refuses unknown roles and an empty list with a readable problem', () => {
    expect(() => parseEnv({ ROLES: 'api,worker' })).toThrow(EnvError);
    expect(() => parseEnv({ ROLES: 'api,worker' })).toThrow(/ROLES: unknown role worker/);
    expect(parseRoles(' , ')).toMatch(/at least one role/);
  });

  it('reads --role=… and --role … from the command line, several joined', () => {
    expect(rolesFromArgs([])).toBeUndefined();
    expect(rolesFromArgs(['--role=relay'])).toBe('relay');
    expect(rolesFromArgs(['--role', 'api', '--role=jobs'])).toBe('api,jobs');
  });
});
