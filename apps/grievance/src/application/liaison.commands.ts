import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@lw/domain';
import { Jurisdiction } from '@lw/hierarchy';
import { villageInArea } from './case-placement';
import { LiaisonDirectory, type Liaison, type LiaisonAssignment } from './liaison-directory.port';

/** Sets a village's liaison: the township for its villages, the county's organisation department for all. */
export class AssignLiaison extends Command<LiaisonAssignment> {
  constructor(
    readonly actor: Actor,
    readonly villageCode: string,
    readonly person: Liaison,
  ) {
    super();
  }
}

export class RemoveLiaison extends Command<boolean> {
  constructor(
    readonly actor: Actor,
    readonly villageCode: string,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(AssignLiaison)
export class AssignLiaisonHandler implements ICommandHandler<AssignLiaison> {
  constructor(
    private readonly liaisons: LiaisonDirectory,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  async execute(c: AssignLiaison): Promise<LiaisonAssignment> {
    return this.liaisons.assign(villageInArea(this.jurisdiction, c.actor, c.villageCode), c.person, c.actor.userId);
  }
}

@Injectable()
@CommandHandler(RemoveLiaison)
export class RemoveLiaisonHandler implements ICommandHandler<RemoveLiaison> {
  constructor(
    private readonly liaisons: LiaisonDirectory,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  async execute(c: RemoveLiaison): Promise<boolean> {
    return this.liaisons.remove(villageInArea(this.jurisdiction, c.actor, c.villageCode), c.actor.userId);
  }
}

export const LIAISON_COMMAND_HANDLERS = [AssignLiaisonHandler, RemoveLiaisonHandler];
