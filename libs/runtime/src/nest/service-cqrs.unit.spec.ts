import { Injectable } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler, IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { createServiceCqrs } from './service-cqrs';

class Tally {
  count = 0;
}
class Add extends Command<number> {
  constructor(readonly by: number) {
    super();
  }
}
class Total extends Query<number> {}

@Injectable()
@CommandHandler(Add)
class AddHandler implements ICommandHandler<Add> {
  constructor(private readonly tally: Tally) {}
  async execute(c: Add): Promise<number> {
    return (this.tally.count += c.by);
  }
}

@Injectable()
@QueryHandler(Total)
class TotalHandler implements IQueryHandler<Total> {
  constructor(private readonly tally: Tally) {}
  async execute(): Promise<number> {
    return this.tally.count;
  }
}

describe('a service CQRS context', () => {
  it('dispatches commands and queries to the handlers it was given, which inject the runtime providers', async () => {
    const tally = new Tally();
    const ctx = await createServiceCqrs([{ provide: Tally, useValue: tally }], [AddHandler, TotalHandler]);
    try {
      const bus = ctx.get(CommandBus);
      expect(await bus.execute(new Add(2))).toBe(2);
      expect(await bus.execute(new Add(3))).toBe(5);
      expect(await ctx.get(QueryBus).execute(new Total())).toBe(5);
    } finally {
      await ctx.close();
    }
  });

  it("keeps services apart: one service's bus has no handler for another's command", async () => {
    const mine = await createServiceCqrs([{ provide: Tally, useValue: new Tally() }], [AddHandler]);
    const other = await createServiceCqrs([{ provide: Tally, useValue: new Tally() }], [TotalHandler]);
    try {
      await expect(async () => other.get(CommandBus).execute(new Add(1))).rejects.toThrow(/No handler found/);
      await expect(async () => mine.get(QueryBus).execute(new Total())).rejects.toThrow(/No handler found/);
    } finally {
      await Promise.all([mine.close(), other.close()]);
    }
  });
});
