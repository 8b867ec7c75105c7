import { Reflector } from '@nestjs/core';
import { Permission } from '../permission';
import { ANY_PERMISSION_KEY, PERMISSIONS_KEY, RequireAnyPermission, RequirePermission } from './auth.decorator';

describe('permission decorators', () => {
  @RequireAnyPermission(Permission.ACCOUNTS_READ, Permission.ACCOUNTS_SYNC)
  class Probe {
    @RequirePermission(Permission.USERS_READ, Permission.USERS_WRITE)
    strict(): void {}

    inherited(): void {}
  }
  const reflector = new Reflector();
  const read = (handler: () => void) => ({
    permissions: reflector.getAllAndOverride(PERMISSIONS_KEY, [handler, Probe]),
    any: reflector.getAllAndOverride(ANY_PERMISSION_KEY, [handler, Probe]),
  });

  it("lets a handler's RequirePermission wholly override its class's RequireAnyPermission (all of them, not any)", () => {
    expect(read(Probe.prototype.strict)).toEqual({ permissions: [Permission.USERS_READ, Permission.USERS_WRITE], any: false });
    expect(read(Probe.prototype.inherited)).toEqual({ permissions: [Permission.ACCOUNTS_READ, Permission.ACCOUNTS_SYNC], any: true });
  });

  it('refuses an empty "any of" list, which would let every signed-in caller through', () => {
    expect(() => RequireAnyPermission()).toThrow(/at least one permission/);
  });
});
